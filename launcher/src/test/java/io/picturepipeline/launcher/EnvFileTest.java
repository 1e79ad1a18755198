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
}
