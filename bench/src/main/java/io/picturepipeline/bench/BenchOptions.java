package io.picturepipeline.bench;

import io.picturepipeline.bench.stack.ProviderAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The command line of {@code ./pp bench} ({@link Bench#USAGE}). */
record BenchOptions(
        boolean quick,
        boolean shortRun,
        boolean forceProfile,
        Set<String> phases,
        Path projectRoot,
        Path out,
        Path work,
        List<String> jvmArgs,
        Map<String, List<String>> serviceArgs,
        int users,
        boolean oneProcess,
        String command) {

    /** The phases {@code --only} may name. */
    static final List<String> PHASES = List.of(
            "pipeline-sweep",
            "pipeline-2s",
            "pipeline-20s",
            "sse",
            "seeds-cadence",
            "seeds-tuned",
            "matched",
            "profile",
            "fresh-start",
            "burst",
            "fairness",
            "webhooks");

    static final String DEFAULT_JVM_ARGS = "-Xms256m -Xmx512m -XX:+UseSerialGC";

    /**
     * Settings the benchmark gives the ingest-api: per-user rate limits (20 an hour, 100 a day by default) far above
     * what any bench user submits, and room for 5,000 SSE streams (1,000 by default). Load is also spread over
     * {@code --users} users, so that no user's history (which the limit check reads) grows long.
     */
    static final List<String> DEFAULT_INGEST_ARGS = List.of(
            "--pipeline.ingest.limits.hourly=1000000",
            "--pipeline.ingest.limits.daily=1000000",
            "--pipeline.ingest.streams.max-total=6000");

    /** The generation-consumer's budget: the bench's provider account ({@link ProviderAccount}). */
    static final List<String> DEFAULT_GENERATION_ARGS = List.of(
            "--pipeline.generation.budget.creates=" + ProviderAccount.CREATES_PER_MINUTE,
            "--pipeline.generation.budget.calls=" + ProviderAccount.CALLS_PER_MINUTE);

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        boolean shortRun = false;
        Set<String> phases = new TreeSet<>(PHASES);
        Path root = findProjectRoot();
        Path out = null;
        Path work = null;
        List<String> jvm = Arrays.asList(DEFAULT_JVM_ARGS.split(" "));
        Map<String, List<String>> serviceArgs = new LinkedHashMap<>();
        serviceArgs.put("ingest-api", new ArrayList<>(DEFAULT_INGEST_ARGS));
        serviceArgs.put("generation-consumer", new ArrayList<>(DEFAULT_GENERATION_ARGS));
        int users = 20_000;
        boolean noProfile = false;
        boolean forceProfile = false;
        // as ./pp up runs it (docs/benchmarks.md, One process or four)
        boolean oneProcess = true;
        boolean oneProcessAsked = false;
        boolean perServiceAsked = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--short")) {
                shortRun = true;
            } else if (arg.startsWith("--only=")) {
                phases = new TreeSet<>(Arrays.asList(arg.substring(7).split(",")));
                if (!PHASES.containsAll(phases)) {
                    throw new IllegalArgumentException("phases are " + PHASES + ", not " + phases);
                }
            } else if (arg.equals("--no-profile")) {
                noProfile = true;
            } else if (arg.equals("--profile")) {
                forceProfile = true;
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6));
            } else if (arg.startsWith("--work=")) {
                work = Path.of(arg.substring(7));
            } else if (arg.startsWith("--service-jvm-args=")) {
                jvm = Arrays.asList(arg.substring(19).trim().split("\\s+"));
            } else if (arg.startsWith("--service-arg=")) {
                String spec = arg.substring(14);
                int colon = spec.indexOf(':');
                serviceArgs
                        .computeIfAbsent(spec.substring(0, colon), k -> new ArrayList<>())
                        .add(spec.substring(colon + 1));
            } else if (arg.startsWith("--users=")) {
                users = Integer.parseInt(arg.substring(8));
            } else if (arg.equals("--one-process")) {
                oneProcessAsked = true;
            } else if (arg.equals("--process-per-service")) {
                perServiceAsked = true;
                oneProcess = false;
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (oneProcessAsked && perServiceAsked) {
            throw new IllegalArgumentException(
                    "--one-process and --process-per-service contradict each other: choose one");
        }
        if (noProfile) {
            phases.remove("profile");
        }
        return new BenchOptions(
                quick,
                shortRun,
                forceProfile,
                phases,
                root,
                out != null ? out : root.resolve("bench/target/bench-report"),
                work != null ? work : root.resolve("bench/target/bench-work"),
                jvm,
                serviceArgs,
                users,
                oneProcess,
                "./pp bench " + String.join(" ", args));
    }

    private static Path findProjectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("ingest-api")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("run from inside the Picture Pipeline checkout");
    }

    /** These options with {@code extra} arguments added to the named services' own. */
    BenchOptions withServiceArgs(Map<String, List<String>> extra) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        serviceArgs.forEach((module, args) -> merged.put(module, new ArrayList<>(args)));
        extra.forEach((module, args) ->
                merged.computeIfAbsent(module, m -> new ArrayList<>()).addAll(args));
        return new BenchOptions(
                quick,
                shortRun,
                forceProfile,
                phases,
                projectRoot,
                out,
                work,
                jvmArgs,
                merged,
                users,
                oneProcess,
                command);
    }
}
