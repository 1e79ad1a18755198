package io.picturepipeline.bench;

import io.picturepipeline.bench.baseline.SeedQueue;
import io.picturepipeline.bench.load.RunRecorder;
import io.picturepipeline.bench.stack.BenchStack;
import io.picturepipeline.infra.FreePorts;
import io.picturepipeline.launcher.JvmProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The seeds' system ({@link io.picturepipeline.bench.baseline.BaselineApp}) as a child JVM for one run, with a
 * thread that hands its finished generations to the run's {@link RunRecorder}.
 */
final class BaselineProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final JvmProcess jvm;
    private final int port;
    private final long epochMinusNanoTime;
    private final Thread poller;
    private volatile @Nullable RunRecorder recorder;
    private volatile boolean running = true;
    private int seen;

    private BaselineProcess(JvmProcess jvm, int port, long epochMinusNanoTime) {
        this.jvm = jvm;
        this.port = port;
        this.epochMinusNanoTime = epochMinusNanoTime;
        this.poller = new Thread(this::poll, "bench-seeds-completions");
        this.poller.setDaemon(true);
    }

    /** Empties the seeds' tables, then starts the app with {@code mode} arguments ({@code mode=tuned workers=16}). */
    static BaselineProcess start(BenchStack stack, String name, List<String> modeArgs, long epochMinusNanoTime) {
        try (Connection c = stack.postgres().connect(BenchStack.BASELINE_DB)) {
            SeedQueue.reset(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the seeds' queue", e);
        }
        int port = FreePorts.pick();
        List<String> args = new java.util.ArrayList<>(List.of(
                "-cp",
                JvmProcess.classpath(),
                "io.picturepipeline.bench.baseline.BaselineApp",
                "jdbc=" + stack.postgres().jdbcUrl(BenchStack.BASELINE_DB),
                "provider=" + stack.providerUrl(),
                "store=" + stack.workDir().resolve("seeds-images"),
                "port=" + port));
        args.addAll(modeArgs);
        JvmProcess jvm = JvmProcess.start(
                "seeds-" + name,
                stack.jvmArgs(),
                args,
                Map.of(),
                stack.workDir(),
                stack.logDir().resolve("seeds.log"));
        jvm.awaitHttp(URI.create("http://127.0.0.1:" + port + "/health"), "UP", Duration.ofMinutes(2));
        BaselineProcess process = new BaselineProcess(jvm, port, epochMinusNanoTime);
        process.poller.start();
        return process;
    }

    URI submitUri() {
        return URI.create("http://127.0.0.1:" + port + "/start-generation");
    }

    long pid() {
        return jvm.pid();
    }

    void attach(@Nullable RunRecorder recorder) {
        this.recorder = recorder;
    }

    String stats() {
        try {
            return get("/stats");
        } catch (IOException e) {
            return "{}";
        }
    }

    private void poll() {
        while (running) {
            try {
                String body = get("/completions?after=" + seen);
                for (String line : body.split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    seen++;
                    String[] f = line.split(" ");
                    long nanos = Long.parseLong(f[1]) * 1_000 - epochMinusNanoTime;
                    RunRecorder current = recorder;
                    if (current != null) {
                        current.finished(f[0], nanos, f[2].equals("1"));
                    }
                }
                Thread.sleep(100);
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String get(String path) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        jvm.stop(Duration.ofSeconds(10));
    }
}
