package io.picturepipeline.ops;

import io.picturepipeline.schemas.DeadLetterRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replay and resolve: select dead letters by ref or by filter, show the plan, then act on each — one transaction
 * per dead letter, paced by {@code --rate}, with a progress line each — and write a summary of the run to the audit
 * topic. Only open dead letters are acted on, so running the same command again does nothing twice.
 */
abstract class ActionCommand extends DlqCommand {

    private static final int SAMPLE = 10;

    @Parameters(
            arity = "0..*",
            paramLabel = "REF",
            converter = RefConverter.class,
            description = "dead letters by ref (<dlt-topic>:<partition>:<offset>); or select them with filters")
    List<DeadLetterRef> refs = new ArrayList<>();

    @Mixin
    Filters filters;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why: kept in the audit")
    String reason;

    @Option(
            names = "--by",
            paramLabel = "NAME",
            description = "who, for the audit (default: $USER, else the system user)")
    @Nullable
    String by;

    @Option(names = "--dry-run", description = "show what would be done, the count and a sample; change nothing")
    boolean dryRun;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "10",
            description = "at most N dead letters per second (default: ${DEFAULT-VALUE})")
    double rate;

    record Skipped(DeadLetterRef ref, String why) {}

    /** {@code replay} or {@code resolve}. */
    abstract String verb();

    /** {@code replayed} or {@code resolved}. */
    abstract String done();

    /** Why this open dead letter is not acted on, if it is not; {@code named} when the operator gave its ref. */
    abstract Optional<String> refusal(DeadLetter deadLetter, boolean named);

    abstract String act(Operator operator, DeadLetter deadLetter, String by, String selection, String run);

    /** What a dry run should warn about the chosen dead letters before anything is done; one line each. */
    List<String> warnings(List<DeadLetter> chosen) {
        return List.of();
    }

    @Override
    public Integer call() {
        if (refs.isEmpty() == !filters.any()) {
            throw new CliException(
                    CliException.USAGE_OR_CONNECTION,
                    refs.isEmpty()
                            ? "say which dead letters to " + verb() + ": refs, or at least one filter (--stage,"
                                    + " --error-class, --text, --since, --until, --generation). `./pp dlq list`"
                                    + " shows them."
                            : "give refs or filters, not both");
        }
        if (!(rate > 0)) {
            throw new CliException(CliException.USAGE_OR_CONNECTION, "--rate must be more than 0");
        }
        if (reason.isBlank()) {
            throw new CliException(CliException.USAGE_OR_CONNECTION, "--reason must say why");
        }
        String operatorName =
                by != null ? by : cli.environment.getOrDefault("USER", System.getProperty("user.name", "unknown"));
        String selection = refs.isEmpty()
                ? filters.describe()
                : "refs " + String.join(" ", refs.stream().map(Object::toString).toList());
        Map<String, Object> config = clientConfig();
        return withStore(store -> {
            try (Operator operator = dryRun ? null : Operator.open(config, cli.clock, connection.timeout)) {
                Map<String, AuditEntry> audit = store.audit();
                List<Skipped> skipped = new ArrayList<>();
                List<DeadLetter> chosen = select(store, audit, skipped);
                if (chosen.isEmpty()) {
                    err().println("nothing to " + verb() + (skipped.isEmpty() ? ": no open dead letters match" : ":"));
                    skipped.forEach(s -> err().println("  " + s.ref() + "  " + s.why()));
                    return CliException.NOTHING_DONE;
                }
                if (dryRun) {
                    return plan(chosen, skipped);
                }
                return run(operator, chosen, skipped, operatorName, selection);
            }
        });
    }

    private List<DeadLetter> select(DeadLetterStore store, Map<String, AuditEntry> audit, List<Skipped> skipped) {
        List<DeadLetter> chosen = new ArrayList<>();
        if (refs.isEmpty()) {
            for (DeadLetter d : store.deadLetters(filters.predicate(now()).and(open(audit)))) {
                refusal(d, false).ifPresentOrElse(why -> skipped.add(new Skipped(d.ref(), why)), () -> chosen.add(d));
            }
            return chosen;
        }
        for (DeadLetterRef ref : refs.stream().distinct().toList()) {
            Optional<DeadLetter> found = store.find(ref);
            AuditEntry handled = audit.get(ref.toString());
            if (found.isEmpty()) {
                skipped.add(new Skipped(ref, "no dead letter at this ref"));
            } else if (handled != null) {
                skipped.add(new Skipped(ref, "already " + handled.describe()));
            } else {
                refusal(found.get(), true)
                        .ifPresentOrElse(why -> skipped.add(new Skipped(ref, why)), () -> chosen.add(found.get()));
            }
        }
        return chosen;
    }

    private int plan(List<DeadLetter> chosen, List<Skipped> skipped) {
        out().println("dry run: " + chosen.size() + " dead letter(s) would be " + done()
                + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped") + "; nothing is written.");
        out().println();
        Table table = new Table("REF", "STAGE", "ERROR", "GENERATION", "TO");
        chosen.stream()
                .limit(SAMPLE)
                .forEach(d -> table.row(
                        d.ref(),
                        d.stage(),
                        d.errorClass(),
                        d.generationId().map(Object::toString).orElse("-"),
                        verb().equals("replay") ? d.sourceTopic() : "-"));
        table.print(out());
        if (chosen.size() > SAMPLE) {
            out().println("… and " + (chosen.size() - SAMPLE) + " more");
        }
        List<String> warnings = warnings(chosen);
        if (!warnings.isEmpty()) {
            out().println();
            warnings.forEach(out()::println);
        }
        printSkipped(skipped);
        return 0;
    }

    private int run(
            Operator operator, List<DeadLetter> chosen, List<Skipped> skipped, String operatorName, String selection) {
        String run = UUID.randomUUID().toString();
        Instant started = now();
        long interval = (long) Math.ceil(1000.0 / rate);
        long start = System.nanoTime();
        List<DeadLetterRef> acted = new ArrayList<>();
        String failure = null;
        boolean interrupted = false;
        try {
            for (int i = 0; i < chosen.size(); i++) {
                if (cli.stop.requested() || !pace(start, i * interval)) {
                    interrupted = true;
                    break;
                }
                DeadLetter d = chosen.get(i);
                try {
                    String result = act(operator, d, operatorName, selection, run);
                    acted.add(d.ref());
                    out().println("[" + (i + 1) + "/" + chosen.size() + "] " + done() + " " + d.ref() + ": " + result
                            + d.generationId()
                                    .map(id -> " (generation " + id + ")")
                                    .orElse(""));
                    out().flush();
                } catch (KafkaException e) {
                    failure = d.ref() + ": " + e.getMessage();
                    break;
                }
            }
            summarize(operator, run, started, operatorName, selection, chosen, acted, skipped, failure, interrupted);
        } finally {
            cli.stop.finished();
        }
        out().println();
        out().println(done() + " " + acted.size() + " of " + chosen.size() + " (run " + run + ", audited on "
                + io.picturepipeline.schemas.Topics.DLT_AUDIT + ")");
        printSkipped(skipped);
        if (failure != null) {
            err().println("stopped at " + failure + ". Run the same command again to do the rest: nothing is " + done()
                    + " twice.");
        } else if (interrupted) {
            err().println("interrupted. Run the same command again to do the rest: nothing is " + done() + " twice.");
        }
        return acted.size() == chosen.size() && skipped.isEmpty() ? 0 : CliException.NOTHING_DONE;
    }

    /** Waits until {@code offsetMillis} after {@code start}; false when interrupted. */
    private boolean pace(long start, long offsetMillis) {
        long wait = offsetMillis - (System.nanoTime() - start) / 1_000_000;
        if (wait <= 0) {
            return true;
        }
        try {
            Thread.sleep(Duration.ofMillis(wait).toMillis());
            return !cli.stop.requested();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void summarize(
            Operator operator,
            String run,
            Instant started,
            String operatorName,
            String selection,
            List<DeadLetter> chosen,
            List<DeadLetterRef> acted,
            List<Skipped> skipped,
            @Nullable String failure,
            boolean interrupted) {
        ObjectNode summary = AuditEntry.JSON
                .createObjectNode()
                .put("run", run)
                .put("command", verb())
                .put("startedAt", started.toString())
                .put("finishedAt", now().toString())
                .put("by", operatorName)
                .put("reason", reason)
                .put("selection", selection)
                .put("selected", chosen.size())
                .put(done(), acted.size())
                .put("interrupted", interrupted)
                .put("failure", failure);
        ArrayNode skippedNode = summary.putArray("skipped");
        skipped.forEach(
                s -> skippedNode.addObject().put("ref", s.ref().toString()).put("why", s.why()));
        try {
            operator.summarize(run, AuditEntry.JSON.writeValueAsBytes(summary));
        } catch (RuntimeException e) {
            err().println("could not write the run summary to the audit topic: " + e.getMessage()
                    + " (each dead letter's own audit entry is written)");
        }
    }

    private void printSkipped(List<Skipped> skipped) {
        if (!skipped.isEmpty()) {
            out().println();
            out().println("skipped " + skipped.size() + ":");
            skipped.forEach(s -> out().println("  " + s.ref() + "  " + s.why()));
        }
        out().flush();
    }
}
