package io.picturepipeline.projection.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows in which two schemas of the read model differ, table by table, on every column except those that say when
 * the projection wrote a row ({@code updated_at}, {@code recorded_at}, {@code applied_at}) and those given.
 */
final class ReadModelDiff {

    static final List<String> TABLES =
            List.of("generation", "generation_event", "dead_letter", "generation_hourly", "lifecycle_offset");
    private static final Set<String> WRITE_TIMES = Set.of("updated_at", "recorded_at", "applied_at");

    private ReadModelDiff() {}

    /** Each row, as text, that is in one schema and not in the other, prefixed with where it is. */
    static List<String> between(JdbcClient jdbc, String left, String right, Set<String> alsoIgnored) {
        List<String> differences = new ArrayList<>();
        for (String table : TABLES) {
            String columns = String.join(
                    ", ",
                    jdbc.sql("""
                                    select column_name from information_schema.columns
                                    where table_schema = ? and table_name = ? order by ordinal_position
                                    """).params(left, table).query(String.class).list().stream()
                            .filter(column -> !WRITE_TIMES.contains(column) && !alsoIgnored.contains(column))
                            .toList());
            differences.addAll(only(jdbc, table, columns, left, right));
            differences.addAll(only(jdbc, table, columns, right, left));
        }
        return differences;
    }

    static long rows(JdbcClient jdbc, String schema, String table) {
        return jdbc.sql("select count(*) from " + schema + "." + table)
                .query(Long.class)
                .single();
    }

    private static List<String> only(JdbcClient jdbc, String table, String columns, String in, String notIn) {
        return jdbc
                .sql("select " + columns + " from " + in + "." + table + " except all select " + columns + " from "
                        + notIn + "." + table)
                .query()
                .listOfRows()
                .stream()
                .map(Map::toString)
                .map(row -> "only in " + in + "." + table + ": " + row)
                .toList();
    }
}
