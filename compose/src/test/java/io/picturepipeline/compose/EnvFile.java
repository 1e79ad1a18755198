package io.picturepipeline.compose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A dotenv file as docker compose reads it: {@code NAME=value} lines, {@code #} comments, no quoting used. */
final class EnvFile {

    private EnvFile() {}

    static Map<String, String> read(Path file) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Repo.read(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(file + ": not NAME=value: " + line);
            }
            String name = trimmed.substring(0, equals);
            if (variables.put(name, trimmed.substring(equals + 1)) != null) {
                throw new IllegalArgumentException(file + ": " + name + " is declared twice");
            }
        }
        return variables;
    }

    static Map<String, String> example() {
        return read(Repo.compose(".env.example"));
    }

    /** Whether a variable of the example is a secret: it must be empty there, and set by whoever deploys. */
    static boolean isSecret(String name) {
        return name.contains("PASSWORD") || name.contains("SECRET") || name.contains("TOKEN");
    }

    /** The example as a deployer fills it in: every empty secret set to a value of its own. */
    static Map<String, String> filledIn() {
        Map<String, String> filled = new LinkedHashMap<>(example());
        filled.replaceAll((name, value) ->
                isSecret(name) && value.isEmpty() ? "test-" + name.toLowerCase().replace('_', '-') : value);
        return filled;
    }
}
