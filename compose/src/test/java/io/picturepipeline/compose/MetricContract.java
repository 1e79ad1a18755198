package io.picturepipeline.compose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The metric contract, read from {@code compose/metrics.txt} or from the table in {@code docs/observability.md}. */
final class MetricContract {

    static final String BEGIN = "<!-- metric-contract:begin -->";
    static final String END = "<!-- metric-contract:end -->";

    /** One meter: its Micrometer name, type, tags (name to allowed values; {@code *} = open set), series. */
    record Row(String name, String type, Map<String, List<String>> tags, List<String> series, List<String> emittedBy) {}

    private MetricContract() {}

    static List<Row> fromMetricsTxt() {
        List<Row> rows = new ArrayList<>();
        for (String line : Repo.read(Repo.compose("metrics.txt")).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            rows.add(row(line.split("\\|", -1), line));
        }
        return rows;
    }

    static List<Row> fromObservabilityDoc() {
        String doc = Repo.read(Repo.root("docs/observability.md"));
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("docs/observability.md has no " + BEGIN + " ... " + END + " table");
        }
        List<Row> rows = new ArrayList<>();
        String[] lines = doc.substring(begin + BEGIN.length(), end).strip().split("\n");
        for (int i = 2; i < lines.length; i++) { // header and separator first
            String line = lines[i].strip();
            String[] cells =
                    line.substring(1, line.length() - 1).replace("`", "").split("\\|", -1);
            rows.add(row(cells, line));
        }
        return rows;
    }

    /** Every Prometheus series name of the contract. */
    static Set<String> series() {
        Set<String> names = new TreeSet<>();
        fromMetricsTxt().forEach(row -> names.addAll(row.series()));
        return names;
    }

    private static Row row(String[] cells, String line) {
        if (cells.length != 5) {
            throw new IllegalArgumentException("expected 5 columns: " + line);
        }
        Map<String, List<String>> tags = new LinkedHashMap<>();
        String tagCell = cells[2].strip();
        if (!tagCell.equals("-")) {
            for (String tag : tagCell.split(";")) {
                String[] nameAndValues = tag.strip().split("=", 2);
                if (nameAndValues.length != 2) {
                    throw new IllegalArgumentException("tag without values: " + tag + " in " + line);
                }
                tags.put(
                        nameAndValues[0].strip(),
                        Arrays.stream(nameAndValues[1].split(","))
                                .map(String::strip)
                                .toList());
            }
        }
        return new Row(
                cells[0].strip(),
                cells[1].strip(),
                tags,
                Arrays.stream(cells[3].strip().split("\\s+")).toList(),
                Arrays.stream(cells[4].split(",")).map(String::strip).toList());
    }
}
