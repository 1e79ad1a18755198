package io.picturepipeline.launcher;

import io.picturepipeline.infra.LocalS3;
import io.picturepipeline.schemas.Access;
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
     * What the secure stack changes: its brokers, the ops principal's client settings ({@code KCAT_CONFIG}, for
     * {@code kcat -F} and {@code ./pp dlq}), the superuser's and the roles' own passwords, the JWT secret for {@code ./pp token}, and the
     * image store with ops' read-only key pair in the variables the AWS CLI reads ({@code aws s3 ls --endpoint-url
     * "$S3_ENDPOINT" s3://$S3_BUCKET --recursive}).
     */
    static Map<String, String> secureVariables(StackSettings stack, String token, LocalStack running) {
        SecureStack secure = running.secure();
        Map<String, String> env = variables(stack, token);
        env.put("KAFKA_BOOTSTRAP", running.kafkaBootstrap());
        env.put("KCAT_CONFIG", secure.directory().resolve("ops-cli.properties").toString());
        String database = "@127.0.0.1:" + stack.postgresPort() + "/" + StackSettings.DATABASE;
        env.put("DATABASE_URL", "postgresql://postgres:" + uriEncoded(running.superuserPassword()) + database);
        env.put("ANALYST_DATABASE_URL", "postgresql://analyst:" + uriEncoded(secure.analystPassword()) + database);
        String ingest = Access.databaseRole(Access.INGEST_API).role();
        env.put(
                "INGEST_DATABASE_URL",
                "postgresql://" + ingest + ":" + uriEncoded(secure.databasePassword(ingest)) + database);
        env.put("JWT_SECRET", secure.jwtSecret());
        env.remove("IMAGE_STORE");
        env.put("S3_ENDPOINT", running.s3().endpoint());
        env.put("S3_BUCKET", LocalStack.IMAGE_BUCKET);
        env.put("AWS_ACCESS_KEY_ID", Access.OPS_CLI);
        env.put("AWS_SECRET_ACCESS_KEY", secure.storageSecretKey(Access.OPS_CLI));
        env.put("AWS_DEFAULT_REGION", LocalS3.REGION);
        return env;
    }

    /**
     * What the secure stack prints of its variables: the passwords in database URLs masked (they are in {@code
     * .local/env}, readable by its owner only, not in a terminal's scrollback or a CI log).
     */
    static Map<String, String> printable(Map<String, String> variables) {
        Map<String, String> shown = new LinkedHashMap<>();
        variables.forEach((name, value) -> shown.put(name, value.replaceFirst("^(\\w+://[^:/@]+:)[^@]*@", "$1***@")));
        return shown;
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

    /** Writes the file readable by its owner only (it holds secrets of the secure stack). */
    static Path writePrivate(Path file, Map<String, String> variables) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(
                    file,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return write(file, variables);
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
