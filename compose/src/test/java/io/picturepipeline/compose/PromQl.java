package io.picturepipeline.compose;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL lexing to list the metric names a query reads. */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "atan2",
            "inf",
            "nan",
            "sum",
            "min",
            "max",
            "avg",
            "count",
            "stddev",
            "stdvar",
            "topk",
            "bottomk",
            "quantile",
            "count_values",
            "group");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {}

    static Set<String> metricNames(String query) {
        String text = query;
        text = text.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        text = text.replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
        text = text.replaceAll("\\{[^}]*}", " ");
        text = text.replaceAll("\\[[^]]*]", " ");
        text = text.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        text = text.replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(text);
        while (matcher.find()) {
            String name = matcher.group();
            if (matcher.start() > 0 && Character.isDigit(text.charAt(matcher.start() - 1))) {
                continue; // 5m, 1e3
            }
            if (matcher.start() > 0 && text.charAt(matcher.start() - 1) == '.') {
                continue; // 0.5e-3 and the like
            }
            if (KEYWORDS.contains(name.toLowerCase())) {
                continue;
            }
            int next = matcher.end();
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            if (next < text.length() && text.charAt(next) == '(') {
                continue; // a function
            }
            names.add(name);
        }
        return names;
    }
}
