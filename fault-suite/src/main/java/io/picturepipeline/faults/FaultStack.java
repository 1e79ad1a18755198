package io.picturepipeline.faults;

import static org.awaitility.Awaitility.await;

import io.picturepipeline.faults.invariants.Database;
import io.picturepipeline.faults.invariants.InvariantChecker;
import io.picturepipeline.infra.LocalKafka;
import io.picturepipeline.infra.LocalPostgres;
import io.picturepipeline.infra.TopicReader;
import io.picturepipeline.launcher.LocalStack;
import io.picturepipeline.launcher.StackOptions;
import io.picturepipeline.launcher.StackSettings;
import io.picturepipeline.provider.local.LocalProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The real pipeline for one or more scenarios: a {@link LocalStack} (PostgreSQL, Kafka, the local provider in this
 * JVM, every service a process) started from a snapshot of the service jars, with the {@link Ledger} of what the
 * scenarios did and the {@link InvariantChecker} that reads it all back.
 */
public final class FaultStack implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final String name;
    private final Path runDir;
    private final LocalStack stack;
    private final Ledger ledger = new Ledger();
    private final SuiteAccess access;
    private final InvariantChecker checker;
    private final DirectPublisher publisher;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FaultStack(String name, Path runDir, LocalStack stack) {
        this.name = name;
        this.runDir = runDir;
        this.stack = stack;
        this.access = SuiteAccess.to(stack);
        this.checker = new InvariantChecker(database(), topicReader(), access.images());
        this.publisher = new DirectPublisher(stack.kafkaBootstrap(), access.kafka());
    }

    /**
     * Starts a stack named {@code name} (its data and logs under {@code fault-suite/target/runs/}); {@code customize}
     * adds scenario options to the suite's own (see {@link #baseOptions}), knowing the stack's ports.
     */
    public static FaultStack start(
            String name, Duration providerLatency, BiFunction<StackSettings, StackOptions, StackOptions> customize) {
        if (!name.equals("standard")) {
            SharedStack.discard(); // two stacks at once would share two cores
        }
        Path module = ServiceJars.moduleDir();
        Path services = Path.of(
                System.getProperty("faults.serviceRoot", module.getParent().toString()));
        Path root = ServiceJars.snapshot(services, module.resolve("target/stack-root"));
        Path runDir = module.resolve("target/runs")
                .resolve(name + "-" + System.currentTimeMillis())
                .toAbsolutePath();
        StackSettings settings = StackSettings.isolated(root, runDir.resolve("data"), providerLatency);
        StackOptions options = customize.apply(settings, baseOptions());
        log("starting stack " + name + " in the " + StackShape.chosen().label() + " shape (" + runDir + ")");
        long start = System.nanoTime();
        LocalStack stack = LocalStack.start(settings, options, line -> log("  " + line));
        log("stack " + name + " up in "
                + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
        try {
            return new FaultStack(name, runDir, stack);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * What every stack of the suite sets: per-user limits out of the way (the driver spreads load over many users
     * anyway), polls every 500 ms instead of 2 s (the provider answers in about that), backoff tiers of 2 s, 10 s
     * and 30 s instead of 10 s, 1 min and 5 min (4 deliveries in all, as in production), so a parked generation is
     * decided within a minute, and a hung provider call given up after 10 s (create) or 15 s (download) instead of
     * 30 s and 60 s, so a storm of hung connections fits in a test run. In the shape {@code -Dfaults.stack} chooses.
     */
    public static StackOptions baseOptions() {
        StackOptions options = StackShape.chosen()
                .options()
                .withProperties(
                        "ingest-api", "pipeline.ingest.limits.hourly=1000000", "pipeline.ingest.limits.daily=10000000")
                .withProperties(
                        "generation-consumer",
                        "pipeline.generation.poll-interval=500ms",
                        "pipeline.generation.replicate.request-timeout=10s")
                .withProperties("download-consumer", "pipeline.download.download-timeout=15s");
        for (String service : LocalStack.SERVICES) {
            options = options.withProperties(service, "pipeline.retry.tier-delays=2s,10s,30s");
        }
        return options;
    }

    public String name() {
        return name;
    }

    public LocalStack stack() {
        return stack;
    }

    public Ledger ledger() {
        return ledger;
    }

    public LocalProvider provider() {
        return stack.provider();
    }

    public DirectPublisher publisher() {
        return publisher;
    }

    public String kafkaBootstrap() {
        return stack.kafkaBootstrap();
    }

    /** A reader of the topics with the suite's own Kafka credentials. */
    public TopicReader topicReader() {
        return new TopicReader(stack.kafkaBootstrap(), access.kafka());
    }

    /** Every broker: the single one of the plain stack, the cluster's otherwise. */
    public List<LocalKafka> brokers() {
        return stack.kafka() != null
                ? List.of(stack.kafka())
                : stack.kafkaCluster().brokers();
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + stack.settings().postgresPort() + "/" + StackSettings.DATABASE;
    }

    /** The stack's database as its superuser, with the secure stack's own password there. */
    public Database database() {
        return new Database(jdbcUrl(), stack.superuserPassword());
    }

    /** A single number from PostgreSQL ({@code select count(*) …}); -1 while the database cannot answer. */
    public long count(String sql) {
        try (Connection db = database().connect();
                ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * Kills every PostgreSQL process at once ({@code kill -9} of the server's process group: no shutdown, no flush),
     * waits until none is left, then starts PostgreSQL again on the same port and data directory (crash recovery).
     * Returns the number of processes killed.
     */
    public int crashPostgres() {
        LocalPostgres postgres = stack.postgres();
        List<Long> killed = postgres.kill();
        await("every PostgreSQL process gone")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> killed.stream().noneMatch(FaultStack::running));
        stack.stopPostgres(); // nothing left to stop: releases the data directory's lock
        stack.startPostgres();
        return killed.size();
    }

    /** Alive and not a zombie waiting to be reaped. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    /** PNG images in the image store; -1 while it cannot be read. */
    public long storedImages() {
        try {
            return access.images().list().stream()
                    .filter(image -> image.key().endsWith(".png"))
                    .count();
        } catch (RuntimeException unreadable) {
            return -1;
        }
    }

    /** Lines containing {@code text} in the logs of every instance of {@code module}. */
    public long logLines(String module, String text) {
        try (Stream<Path> logs = Files.list(stack.settings().logDir())) {
            long lines = 0;
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(module))
                    .toList()) {
                try (Stream<String> content = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                    lines += content.filter(line -> line.contains(text)).count();
                }
            }
            return lines;
        } catch (IOException e) {
            return -1;
        }
    }

    public Path runDir() {
        return runDir;
    }

    public LoadDriver driver(String scenario) {
        return new LoadDriver(() -> stack.settings().apiUrl(), access.jwtSecret(), ledger, scenario);
    }

    /** Waits for the pipeline to settle (at most {@code timeout}) and checks every invariant. */
    public Report check(String scenario, Duration timeout) {
        log(scenario + ": waiting for the pipeline to settle, then checking invariants");
        Report report = checker.awaitSettledAndCheck(ledger, timeout, FaultStack::log);
        report.count("provider", stack.provider().stats());
        return report;
    }

    /** Logs the report and files it as {@code target/fault-reports/<scenario>.txt}. */
    public void file(String scenario, Report report) {
        String text = "== " + scenario + " on stack " + name + "\n" + report.toText(25);
        log(text);
        try {
            Path file = ServiceJars.moduleDir().resolve("target/fault-reports").resolve(scenario + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks without waiting. */
    public Report checkNow() {
        return checker.check(ledger);
    }

    public static void log(String line) {
        System.out.println("[faults " + LocalTime.now().format(CLOCK) + "] " + line);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log("stopping stack " + name);
        publisher.close();
        access.close();
        stack.close();
    }
}
