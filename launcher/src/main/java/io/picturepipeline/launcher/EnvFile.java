package io.picturepipeline.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code .local/env}: where everything is, as shell exports that scripts can source. */
final class EnvFile {

    private EnvFile() {}

    static Map<String, String> variables(StackSettings stack, String token) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("API_URL", stack.apiUrl());
        env.put("TOKEN", token);
        env.put("KAFKA_BOOTSTRAP", stack.kafkaBootstrap());
        env.put(
                "DATABASE_URL",
                "postgresql://postgres:postgres@127.0.0.1:" + stack.postgresPort() + "/" + StackSettings.DATABASE);
        env.put(
                "ANALYST_DATABASE_URL",
                "postgresql://analyst:" + uriEncoded(analystPassword()) + "@127.0.0.1:" + stack.postgresPort() + "/"
                        + StackSettings.DATABASE);
        env.put("PROVIDER_URL", stack.providerUrl());
        env.put("IMAGE_STORE", stack.imageStore().toString());
        return env;
    }

    /**
     * The password of the projection's read-only {@code analyst} role: its local profile's documented default, or
     * {@code ANALYST_PASSWORD}, which the projection inherits from us.
     */
    static String analystPassword() {
        return System.getenv().getOrDefault("ANALYST_PASSWORD", "analyst");
    }

    private static String uriEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Path write(Path file, Map<String, String> variables) {
        String content = variables.entrySet().stream()
                .map(e -> "export " + e.getKey() + "='" + e.getValue() + "'")
                .collect(Collectors.joining("\n", "# written by ./pp up; source it: . .local/env\n", "\n"));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
