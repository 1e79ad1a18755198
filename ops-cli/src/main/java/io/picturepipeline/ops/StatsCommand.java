package io.picturepipeline.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "stats", description = "Count the open dead letters by stage and error class, with the oldest age.")
final class StatsCommand extends DlqCommand {

    @Mixin
    Filters filters;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    private record Group(String stage, String errorClass) {}

    @Override
    public Integer call() {
        return withStore(store -> {
            Map<String, AuditEntry> audit = store.audit();
            Instant now = now();
            List<DeadLetter> matching = store.deadLetters(filters.predicate(now));
            List<DeadLetter> open = matching.stream().filter(open(audit)).toList();
            long replayed = count(matching, audit, AuditEntry.Action.REPLAYED);
            long resolved = count(matching, audit, AuditEntry.Action.RESOLVED);
            Map<Group, List<DeadLetter>> groups =
                    new TreeMap<>(Comparator.comparing(Group::stage).thenComparing(Group::errorClass));
            open.forEach(
                    d -> groups.computeIfAbsent(new Group(d.stage(), d.errorClass()), g -> new java.util.ArrayList<>())
                            .add(d));
            DeadLetter oldest = open.isEmpty() ? null : open.get(0);
            if (json) {
                ObjectNode node = AuditEntry.JSON
                        .createObjectNode()
                        .put("open", open.size())
                        .put(
                                "terminal",
                                open.stream().filter(DeadLetter::terminal).count())
                        .put("parked", open.stream().filter(DeadLetter::parked).count())
                        .put("replayed", replayed)
                        .put("resolved", resolved);
                if (oldest != null) {
                    node.putObject("oldest")
                            .put("ref", oldest.ref().toString())
                            .put(
                                    "ageSeconds",
                                    Duration.between(oldest.at(), now).toSeconds());
                }
                ArrayNode array = node.putArray("groups");
                groups.forEach((group, letters) -> array.addObject()
                        .put("stage", group.stage())
                        .put("errorClass", group.errorClass())
                        .put("count", letters.size())
                        .put(
                                "oldestAgeSeconds",
                                Duration.between(letters.get(0).at(), now).toSeconds()));
                out().println(AuditEntry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } else if (!open.isEmpty()) {
                Table table = new Table("STAGE", "ERROR", "OPEN", "OLDEST");
                groups.forEach((group, letters) -> table.row(
                        group.stage(),
                        group.errorClass(),
                        letters.size(),
                        Durations.format(Duration.between(letters.get(0).at(), now))));
                table.print(out());
                out().println();
                out().println(open.size() + " open ("
                        + open.stream().filter(DeadLetter::terminal).count()
                        + " terminal, "
                        + open.stream().filter(DeadLetter::parked).count() + " parked); oldest "
                        + Durations.format(Duration.between(oldest.at(), now)) + " (" + oldest.ref() + "); handled: "
                        + replayed + " replayed, " + resolved + " resolved");
            }
            if (open.isEmpty()) {
                err().println("no open dead letters" + (filters.any() ? " match" : "") + " (handled: " + replayed
                        + " replayed, " + resolved + " resolved)");
                return CliException.NOTHING_DONE;
            }
            return 0;
        });
    }

    private static long count(List<DeadLetter> letters, Map<String, AuditEntry> audit, AuditEntry.Action action) {
        return letters.stream()
                .map(d -> audit.get(d.ref().toString()))
                .filter(e -> e != null && e.action() == action)
                .count();
    }
}
