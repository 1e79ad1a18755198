package io.picturepipeline.ops;

import io.picturepipeline.testsupport.TestInfrastructure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The CLI run in this JVM, as `./pp dlq` would run it: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun dlq(String... args) {
        return dlqAt(Clock.systemUTC(), args);
    }

    /** As if run at {@code clock}'s time (e.g. hours later). */
    static CliRun dlqAt(Clock clock, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = DlqCli.run(
                all.toArray(String[]::new),
                new PrintWriter(out),
                new PrintWriter(err),
                Map.of("KAFKA_BOOTSTRAP", TestInfrastructure.shared().kafkaBootstrap(), "USER", "ops-test"),
                clock,
                new StopSignal());
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
