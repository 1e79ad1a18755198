package io.picturepipeline.launcher;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.infra.FreePorts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./pp up}: the whole pipeline on this machine until Ctrl-C. Data lives in {@code .local/data} and
 * survives restarts; {@code .local/env} says where everything is. {@code ./pp up --secure}: the production shape
 * ({@link StackOptions#secureDefaults()}), new each time in {@code .local/secure}, with new random secrets.
 * {@code ./pp up} runs the four services in one JVM ({@link StackOptions#withOneProcess()}), {@code ./pp up
 * --process-per-service} one JVM each, as the secure stack always does.
 */
public final class Launcher {

    /** Where the services listen unless {@code --listen <address>} or {@code LISTEN_ADDRESS} says otherwise. */
    static final String LOOPBACK = "127.0.0.1";

    private Launcher() {}

    /**
     * The services' listen address: {@code --listen <address>}, else {@code LISTEN_ADDRESS}, else the loopback
     * interface only (the demo token endpoint, the documented secret and the actuators stay on this machine).
     */
    static String listenAddress(List<String> args, Map<String, String> env) {
        int option = args.indexOf("--listen");
        if (option >= 0) {
            if (option + 1 >= args.size() || args.get(option + 1).isBlank()) {
                throw new IllegalArgumentException("--listen needs an address, e.g. --listen 0.0.0.0");
            }
            return args.get(option + 1);
        }
        String fromEnv = env.get("LISTEN_ADDRESS");
        return fromEnv == null || fromEnv.isBlank() ? LOOPBACK : fromEnv;
    }

    /**
     * Whether the four services share one JVM: yes for the local profile unless {@code --process-per-service} says
     * otherwise (docs/benchmarks.md#one-process-or-four says why); never for {@code --secure}. {@code --one-process},
     * the default's former flag, is still accepted.
     */
    static boolean oneProcess(List<String> args) {
        boolean secure = args.contains("--secure");
        boolean perService = args.contains("--process-per-service");
        boolean oneProcessAsked = args.contains("--one-process");
        int known = (secure ? 1 : 0)
                + (perService ? 1 : 0)
                + (oneProcessAsked ? 1 : 0)
                + (args.contains("--listen") ? 2 : 0);
        if (args.size() != known) {
            throw new IllegalArgumentException(
                    "usage: ./pp up [--secure | --process-per-service] [--listen <address>]");
        }
        if (secure && oneProcessAsked) {
            throw new IllegalArgumentException(
                    "--one-process runs the local profile; the secure stack runs one process per service");
        }
        if (perService && oneProcessAsked) {
            throw new IllegalArgumentException(
                    "--one-process and --process-per-service contradict each other: choose one");
        }
        return !secure && !perService;
    }

    static StackOptions listening(StackOptions base, String address) {
        StackOptions options = base;
        for (String module : LocalStack.SERVICES) {
            options = options.withProperties(module, "server.address=" + address);
        }
        return options;
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        List<String> arguments = List.of(args);
        boolean secure = arguments.contains("--secure");
        String listen = "";
        boolean oneProcess = false;
        try {
            listen = listenAddress(arguments, System.getenv());
            oneProcess = oneProcess(arguments);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
        StackSettings plain = StackSettings.defaults(root, System.getenv());
        StackSettings settings = secure ? plain.withDataDir(root.resolve(".local/secure/data")) : plain;
        StackOptions base = secure ? StackOptions.secureDefaults() : StackOptions.defaults();
        StackOptions options = listening(oneProcess ? base.withOneProcess() : base, listen);
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
                secure ? stack.secure().jwtSecret() : settings.jwtSecret(), "demo", DemoTokens.MAX_VALIDITY);
        Map<String, String> env =
                secure ? EnvFile.secureVariables(settings, token, stack) : EnvFile.variables(settings, token);
        Path envFile = secure
                ? EnvFile.writePrivate(root.resolve(".local/env"), env)
                : EnvFile.write(root.resolve(".local/env"), env);
        System.out.println();
        System.out.println("Picture Pipeline is running. Ctrl-C stops everything; data stays in " + settings.dataDir());
        System.out.println();
        (secure ? EnvFile.printable(env) : env).forEach((name, value) -> {
            if (!name.endsWith("SECRET") && !name.endsWith("SECRET_ACCESS_KEY")) {
                System.out.printf("  %-20s %s%n", name, value);
            }
        });
        stack.healthUrls().forEach((name, url) -> System.out.printf("  %-20s %s%n", name, url));
        stack.services().forEach(s -> System.out.printf("  %-20s %s%n", "log of " + s.name(), s.log()));
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
