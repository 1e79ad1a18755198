package io.picturepipeline.ops;

import io.picturepipeline.schemas.DeadLetterRef;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "show", description = "Show one dead letter: its state, headers and payload.")
final class ShowCommand extends DlqCommand {

    private static final int PREVIEW_CHARACTERS = 4000;

    @Parameters(
            index = "0",
            paramLabel = "REF",
            converter = RefConverter.class,
            description = "<dlt-topic>:<partition>:<offset>, as `list` prints it")
    DeadLetterRef ref;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    @Override
    public Integer call() {
        return withStore(store -> {
            DeadLetter deadLetter = store.find(ref)
                    .orElseThrow(() -> new CliException(
                            CliException.NOTHING_DONE,
                            "no dead letter at " + ref + " (`./pp dlq list --all` shows every ref)"));
            Map<String, AuditEntry> audit = store.audit();
            if (json) {
                ObjectNode node = ListCommand.toJson(deadLetter, audit, now());
                ObjectNode headers = node.putObject("headers");
                deadLetter.headers().forEach(headers::put);
                JsonNode payload = parse(deadLetter);
                if (payload != null) {
                    node.set("payload", payload);
                } else {
                    node.put("payloadText", deadLetter.payloadText());
                }
                out().println(AuditEntry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } else {
                print(deadLetter, audit.get(ref.toString()), out());
            }
            return 0;
        });
    }

    private void print(DeadLetter d, AuditEntry handled, PrintWriter out) {
        out.println(
                d.ref() + "  " + (handled == null ? "open" : handled.action().wireName()));
        out.println("dead-lettered  " + d.at() + " (" + Durations.format(Duration.between(d.at(), now())) + " ago)");
        out.println("stage          " + d.stage() + " (replays go to " + d.sourceTopic() + ")");
        out.println("error          " + d.exceptionClass() + " after " + d.attempts() + " attempt(s)");
        out.println("message        " + d.message());
        out.println("key            " + d.key());
        String flags = flags(d);
        if (!flags.equals("-")) {
            out.println("flags          " + flags + explain(d));
        }
        if (handled != null) {
            out.println("handled        " + handled.describe());
        }
        out.println();
        out.println("headers");
        Table headers = new Table("  NAME", "VALUE");
        d.headers().forEach((name, value) -> headers.row("  " + name, value));
        headers.print(out);
        out.println();
        int size = d.value() == null ? 0 : d.value().length;
        JsonNode payload = parse(d);
        if (payload != null) {
            out.println("payload (" + d.type().orElse("JSON") + ", " + size + " bytes)");
            out.println(AuditEntry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(payload));
        } else {
            out.println("payload (" + size + " bytes, not JSON; shown as text)");
            String text = d.payloadText().replaceAll("[\\p{Cntrl}&&[^\n\t]]", "?");
            out.println(text.length() > PREVIEW_CHARACTERS ? text.substring(0, PREVIEW_CHARACTERS) + "…" : text);
        }
        out.flush();
    }

    private static String explain(DeadLetter d) {
        if (d.terminal()) {
            return " (the generation already failed and the client was told: replay refuses it)";
        }
        if (d.truncatedFrom().isPresent()) {
            return " (only the beginning of its " + d.truncatedFrom().get() + " bytes was kept: replay refuses it)";
        }
        if (d.parked()) {
            return " (failed again after replay " + d.replayCount() + ": replay it again only by its ref)";
        }
        return "";
    }

    private static JsonNode parse(DeadLetter d) {
        if (d.value() == null || d.value().length == 0) {
            return null;
        }
        try {
            JsonNode node = AuditEntry.JSON.readTree(d.value());
            return node.isContainer() ? node : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
