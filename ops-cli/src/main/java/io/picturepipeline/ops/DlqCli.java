package io.picturepipeline.ops;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The ops CLI over the dead-letter topics: {@code ./pp dlq list | show | stats | replay | resolve}. It reads with
 * {@code assign()} and no consumer group, replays only the stored bytes, and writes every action with its audit
 * entry in one Kafka transaction.
 */
@Command(
        name = "pp dlq",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        version = "pp dlq 0.1.0",
        description = "Look at, replay and resolve the pipeline's dead letters.",
        subcommands = {
            ListCommand.class,
            ShowCommand.class,
            StatsCommand.class,
            ReplayCommand.class,
            ResolveCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  nothing matched, or only part was done",
            "  2  usage error, or Kafka could not be reached",
            "",
            "A ref names one dead letter: <dlt-topic>:<partition>:<offset>,",
            "e.g. pipeline.generate-dlt:3:17. See docs/operations.md."
        })
public final class DlqCli implements Callable<Integer> {

    private static final String LOG_LEVEL = "pp.cli.log.level";

    @Spec
    CommandSpec spec;

    final PrintWriter out;
    final PrintWriter err;
    final Map<String, String> environment;
    final Clock clock;
    final StopSignal stop;

    DlqCli(PrintWriter out, PrintWriter err, Map<String, String> environment, Clock clock, StopSignal stop) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.clock = clock;
        this.stop = stop;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(out);
        return CliException.USAGE_OR_CONNECTION;
    }

    public static void main(String[] args) {
        boolean verbose =
                Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        System.setProperty(LOG_LEVEL, verbose ? "INFO" : "OFF");
        System.setProperty("logback.configurationFile", "io/picturepipeline/ops/cli-logback.xml");
        StopSignal stop = new StopSignal();
        Thread hook = new Thread(stop::requestAndAwait, "dlq-cli-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int exitCode = run(args, out, err, System.getenv(), Clock.systemUTC(), stop);
        if (!stop.requested()) {
            Runtime.getRuntime().removeShutdownHook(hook);
            System.exit(exitCode);
        }
    }

    /** Runs one command line; what {@link #main} does without exiting the JVM. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return run(args, out, err, environment, Clock.systemUTC(), new StopSignal());
    }

    static int run(
            String[] args,
            PrintWriter out,
            PrintWriter err,
            Map<String, String> environment,
            Clock clock,
            StopSignal stop) {
        DlqCli cli = new DlqCli(out, err, environment, clock, stop);
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            boolean verbose = Arrays.asList(args).contains("--verbose")
                    || Arrays.asList(args).contains("-v");
            if (exception instanceof CliException failure) {
                err.println(failure.getMessage());
                if (verbose && failure.getCause() != null) {
                    failure.getCause().printStackTrace(err);
                }
                err.flush();
                return failure.exitCode();
            }
            err.println("failed: " + exception + (verbose ? "" : " (--verbose shows the stack trace)"));
            if (verbose) {
                exception.printStackTrace(err);
            }
            err.flush();
            return CliException.USAGE_OR_CONNECTION;
        });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }
}
