package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The local provider stays faithful to Replicate: Replicate's official JavaScript client ({@code replicate} 1.4.x
 * from npm, installed into {@code src/test/js} by {@code .ci/run}) drives it over HTTP through {@code
 * src/test/js/contract.mjs}, which prints one {@code ok <check>} line per check.
 */
class ReplicateJsClientContractTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/js");
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

    private static final List<String> CHECKS = List.of(
            "run-sync-mode",
            "create-get-wait",
            "cancel",
            "failed-prediction",
            "cancel-after-deadline",
            "list-paged-newest-first",
            "list-finds-prediction-by-webhook",
            "models-get",
            "webhooks-signed-and-valid");

    @Test
    void replicatesOfficialJavaScriptClientWorksAgainstTheLocalProvider() throws Exception {
        requireInstalledClient();
        try (LocalProvider provider =
                LocalProvider.start(LocalProviderSettings.defaults().withLatency(Duration.ofMillis(500)))) {
            ProcessBuilder node = new ProcessBuilder("node", "contract.mjs")
                    .directory(SCRIPT_DIR.toFile())
                    .redirectErrorStream(true);
            node.environment().put("PROVIDER_URL", provider.baseUrl());
            Process process;
            try {
                process = node.start();
            } catch (IOException e) {
                throw new AssertionError("`node` is not on the PATH; the contract test needs Node.js 18+", e);
            }
            process.getOutputStream().close();
            boolean ended = process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(ended)
                    .as("contract.mjs ended within %s; output so far:%n%s", RUN_LIMIT, output)
                    .isTrue();
            assertThat(output.lines().filter(line -> line.startsWith("not ok")))
                    .as(output)
                    .isEmpty();
            assertThat(output.lines().filter(line -> line.startsWith("ok ")).map(line -> line.substring(3)))
                    .as(output)
                    .containsExactlyElementsOf(CHECKS);
            assertThat(process.exitValue()).as(output).isZero();
        }
    }

    /** A fresh checkout has no node_modules: say how to get them instead of skipping. */
    private static void requireInstalledClient() throws IOException {
        Path manifest = SCRIPT_DIR.resolve("node_modules/replicate/package.json");
        if (!Files.exists(manifest)) {
            fail("Replicate's JavaScript client is not installed in local-provider/src/test/js: run"
                    + " `npm ci --prefix local-provider/src/test/js` (.ci/run does it) and run the tests again");
        }
        assertThat(Files.readString(manifest))
                .as("the contract pins replicate 1.4.x; run `npm ci --prefix local-provider/src/test/js`")
                .containsPattern("\"version\":\\s*\"1\\.4\\.\\d+\"");
    }
}
