package io.picturepipeline.compose;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker compose's variable interpolation: {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}},
 * {@code ${VAR:?error}}, {@code ${VAR?error}}; {@code $$} is a literal {@code $}.
 */
final class Interpolation {

    /** A reference: group 1 the name, group 2 the operator, group 3 the default or error text. */
    static final Pattern REFERENCE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private Interpolation() {}

    /** Every variable referenced in {@code text}, in order of appearance. */
    static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static String resolve(String text, Map<String, String> environment) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String operator = matcher.group(2);
            String argument = matcher.group(3);
            String value = environment.get(name);
            boolean unset = value == null;
            boolean empty = unset || value.isEmpty();
            String replacement;
            if (operator == null) {
                replacement = unset ? "" : value;
            } else {
                switch (operator) {
                    case ":-" -> replacement = empty ? argument : value;
                    case "-" -> replacement = unset ? argument : value;
                    case ":?" -> {
                        if (empty) {
                            throw new IllegalArgumentException(name + ": " + argument);
                        }
                        replacement = value;
                    }
                    case "?" -> {
                        if (unset) {
                            throw new IllegalArgumentException(name + ": " + argument);
                        }
                        replacement = value;
                    }
                    default -> throw new IllegalStateException(operator);
                }
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString().replace("$$", "$");
    }
}
