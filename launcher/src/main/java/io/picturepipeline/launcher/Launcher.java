package io.picturepipeline.launcher;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.infra.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./pp up}: the whole pipeline on this machine until Ctrl-C. Data lives in {@code .local/data} and
 * survives restarts; {@code .local/env} says where everything is. {@code ./pp up --secure}: the production shape
 * ({@link StackOptions#secureDefaults()}), new each time in {@code .local/secure}, with new random secrets.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        boolean secure = List.of(args).contains("--secure");
        if (args.length > (secure ? 1 : 0)) {
            fail("usage: ./pp up [--secure]");
        }
        StackSettings plain = StackSettings.defaults(root, System.getenv());
        StackSettings settings = secure ? plain.withDataDir(root.resolve(".local/secure/data")) : plain;
        StackOptions options = secure ? StackOptions.secureDefaults() : StackOptions.defaults();
        StringBuilder holder = new StringBuilder();
        Optional<RunLock> lock = RunLock.tryAcquire(root.resolve(".local/run.lock"), holder);
        if (lock.isEmpty()) {
            fail("Picture Pipeline is already running here (pid " + holder
                    + "). Stop it with Ctrl-C in its terminal, or: kill " + holder);
        }
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(settings.ingestPort(), "ingest-api (API_PORT)");
        ports.put(settings.generationPort(), "generation-consumer (GENERATION_PORT)");
        ports.put(settings.downloadPort(), "download-consumer (DOWNLOAD_PORT)");
        ports.put(settings.projectionPort(), "projection (PROJECTION_PORT)");
        ports.put(settings.providerPort(), "local provider (PROVIDER_PORT)");
        if (!secure) {
            // the secure stack's brokers take free ports; .local/env says which
            ports.put(settings.kafkaPort(), "Kafka (KAFKA_PORT)");
            ports.put(settings.kafkaPort() + 1, "the Kafka controller (KAFKA_PORT + 1)");
        }
        ports.put(settings.postgresPort(), "PostgreSQL (POSTGRES_PORT)");
        ports.forEach((port, user) -> {
            if (!FreePorts.isFree(port)) {
                fail("port " + port + " for " + user + " is taken by another program. Stop that program, or"
                        + " choose another port, e.g. " + user.replaceAll(".*\\((\\w+).*", "$1") + "=" + (port + 100)
                        + " ./pp up");
            }
        });

        if (secure) {
            deleteRecursively(settings.dataDir().getParent());
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(settings, options, line -> System.out.println("» " + line));
        } catch (RuntimeException e) {
            fail("Picture Pipeline did not start: " + e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\n» stopping Picture Pipeline …");
                            stack.close();
                            lock.get().close();
                            System.out.println("» stopped; data kept in " + settings.dataDir());
                            stopped.countDown();
                        },
                        "stop-stack"));

        String token = DemoTokens.mint(
                secure ? stack.secure().jwtSecret() : settings.jwtSecret(), "demo", Duration.ofDays(30));
        Map<String, String> env =
                secure ? EnvFile.secureVariables(settings, token, stack) : EnvFile.variables(settings, token);
        Path envFile = secure
                ? EnvFile.writePrivate(root.resolve(".local/env"), env)
                : EnvFile.write(root.resolve(".local/env"), env);
        System.out.println();
        System.out.println("Picture Pipeline is running. Ctrl-C stops everything; data stays in " + settings.dataDir());
        System.out.println();
        env.forEach((name, value) -> {
            if (!name.equals("JWT_SECRET")) {
                System.out.printf("  %-20s %s%n", name, value);
            }
        });
        stack.services().forEach(s -> System.out.printf("  %-16s %s  (log: %s)%n", s.name(), s.healthUrl(), s.log()));
        System.out.println();
        System.out.println("In another terminal:  . " + root.relativize(envFile) + "   then follow the README.");
        stopped.await();
    }

    private static void deleteRecursively(Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            fail("cannot clear " + dir + ": " + e.getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println("✗ " + message);
        System.exit(1);
    }
}
