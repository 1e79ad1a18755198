package io.picturepipeline.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(
        name = "list",
        description = "List dead letters, oldest first: the open ones (neither replayed nor resolved) unless --all.")
final class ListCommand extends DlqCommand {

    @Mixin
    Filters filters;

    @Option(names = "--all", description = "also list dead letters already replayed or resolved")
    boolean all;

    @Option(names = "--json", description = "one JSON array, for scripts")
    boolean json;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "show at most N (default: 100 in the table, all with --json)")
    @Nullable
    Integer limit;

    @Override
    public Integer call() {
        return withStore(store -> {
            Map<String, AuditEntry> audit = store.audit();
            Instant now = now();
            Predicate<DeadLetter> selected = filters.predicate(now);
            if (!all) {
                selected = selected.and(open(audit));
            }
            List<DeadLetter> found = store.deadLetters(selected);
            int shown = Math.min(found.size(), limit != null ? limit : json ? Integer.MAX_VALUE : 100);
            if (json) {
                ArrayNode array = AuditEntry.JSON.createArrayNode();
                found.subList(0, shown).forEach(d -> array.add(toJson(d, audit, now)));
                out().println(AuditEntry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            } else if (!found.isEmpty()) {
                table(found.subList(0, shown), audit, now);
                footer(found, shown);
            }
            if (found.isEmpty()) {
                err().println(all ? "no dead letters match" : "no open dead letters match (--all shows handled ones)");
                return CliException.NOTHING_DONE;
            }
            return 0;
        });
    }

    private void table(List<DeadLetter> deadLetters, Map<String, AuditEntry> audit, Instant now) {
        Table table = all
                ? new Table("REF", "AGE", "STAGE", "ATTEMPTS", "ERROR", "GENERATION", "FLAGS", "STATE", "MESSAGE")
                : new Table("REF", "AGE", "STAGE", "ATTEMPTS", "ERROR", "GENERATION", "FLAGS", "MESSAGE");
        for (DeadLetter d : deadLetters) {
            String age = Durations.format(Duration.between(d.at(), now));
            String generation = d.generationId().map(Object::toString).orElse("-");
            String message = Table.shorten(d.message(), 70);
            if (all) {
                table.row(
                        d.ref(),
                        age,
                        d.stage(),
                        d.attempts(),
                        d.errorClass(),
                        generation,
                        flags(d),
                        state(d, audit),
                        message);
            } else {
                table.row(d.ref(), age, d.stage(), d.attempts(), d.errorClass(), generation, flags(d), message);
            }
        }
        table.print(out());
    }

    private void footer(List<DeadLetter> found, int shown) {
        long terminal = found.stream().filter(DeadLetter::terminal).count();
        long parked = found.stream().filter(DeadLetter::parked).count();
        out().println();
        out().println(found.size() + (all ? " dead letter(s)" : " open dead letter(s)") + " (" + terminal
                + " terminal, " + parked + " parked)"
                + (shown < found.size() ? "; showing " + shown + ", --limit shows more" : "")
                + ". Details: ./pp dlq show <ref>");
    }

    static ObjectNode toJson(DeadLetter d, Map<String, AuditEntry> audit, Instant now) {
        ObjectNode node = AuditEntry.JSON
                .createObjectNode()
                .put("ref", d.ref().toString())
                .put("stage", d.stage())
                .put("deadLetteredAt", d.at().toString())
                .put("ageSeconds", Duration.between(d.at(), now).toSeconds())
                .put("attempts", d.attempts())
                .put("errorClass", d.errorClass())
                .put("exceptionClass", d.exceptionClass())
                .put("message", d.message())
                .put("generationId", d.generationId().map(Object::toString).orElse(null))
                .put("key", d.key())
                .put("sourceTopic", d.sourceTopic())
                .put("terminal", d.terminal())
                .put("parked", d.parked())
                .put("replayCount", d.replayCount())
                .put("state", state(d, audit));
        AuditEntry entry = audit.get(d.ref().toString());
        if (entry != null) {
            node.putObject("handled")
                    .put("at", entry.at().toString())
                    .put("by", entry.by())
                    .put("reason", entry.reason())
                    .put("result", entry.result());
        }
        return node;
    }
}
