package io.picturepipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {

    @Test
    void aShellCanSourceTheEnvFile(@TempDir Path dir) throws Exception {
        StackSettings stack = StackSettings.defaults(dir, java.util.Map.of());
        Path file = EnvFile.write(dir.resolve(".local/env"), EnvFile.variables(stack, "tok.en.value"));

        Process shell = new ProcessBuilder(
                        "bash",
                        "-c",
                        ". '" + file
                                + "' && echo \"$API_URL|$TOKEN|$KAFKA_BOOTSTRAP|$DATABASE_URL|$ANALYST_DATABASE_URL\"")
                .redirectErrorStream(true)
                .start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertThat(shell.waitFor()).isZero();
        assertThat(out)
                .isEqualTo("http://127.0.0.1:8080|tok.en.value|127.0.0.1:19092|"
                        + "postgresql://postgres:postgres@127.0.0.1:15432/picture|"
                        + "postgresql://analyst:" + EnvFile.analystPassword() + "@127.0.0.1:15432/picture");
        assertThat(stack.providerLatency()).isEqualTo(Duration.ofSeconds(2));
    }

    /** Tried by hand on 2026-12-03: {@code ./pp up --secure} printed the ingest and analyst roles' passwords. */
    @Test
    void theSecureStackPrintsItsDatabaseUrlsWithoutTheirPasswords() {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("API_URL", "http://127.0.0.1:8080");
        env.put("INGEST_DATABASE_URL", "postgresql://ingest:90904168eb649fb8@127.0.0.1:15432/picture");
        env.put("ANALYST_DATABASE_URL", "postgresql://analyst:1e9da79a%2F7e84@127.0.0.1:15432/picture");

        assertThat(EnvFile.printable(env))
                .containsExactly(
                        java.util.Map.entry("API_URL", "http://127.0.0.1:8080"),
                        java.util.Map.entry("INGEST_DATABASE_URL", "postgresql://ingest:***@127.0.0.1:15432/picture"),
                        java.util.Map.entry(
                                "ANALYST_DATABASE_URL", "postgresql://analyst:***@127.0.0.1:15432/picture"));
    }
}
