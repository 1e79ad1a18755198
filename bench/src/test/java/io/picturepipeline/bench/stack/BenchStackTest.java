package io.picturepipeline.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.launcher.StackOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchStackTest {

    private static BenchStack.Options options(boolean pipeline, boolean oneProcess) {
        return new BenchStack.Options(
                Path.of("/checkout"),
                Path.of("/work"),
                List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC"),
                Map.of("ingest-api", List.of("--pipeline.ingest.limits.hourly=1000000")),
                Map.of("ingest-api", List.of("-Dpipeline.ingest.webhooks.trusted-hosts=127.0.0.1:1")),
                pipeline,
                oneProcess);
    }

    @Test
    void the_launcher_starts_the_bench_stack_with_the_benchs_jvm_options_and_a_provider_of_its_own() {
        StackOptions launcher = BenchStack.launcherOptions(options(true, false));

        assertThat(launcher.processes().jvmDefaults())
                .as("the bench's options replace the launcher's C1-only defaults")
                .containsExactly("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC");
        assertThat(launcher.processes().pipeline()).isTrue();
        assertThat(launcher.processes().providerJvm()).isTrue();
        assertThat(launcher.processes().provider().rateLimits().creates())
                .isEqualTo(ProviderAccount.CREATES_PER_MINUTE);
        assertThat(launcher.processes().provider().rateLimits().calls()).isEqualTo(ProviderAccount.CALLS_PER_MINUTE);
        assertThat(launcher.processes().startupTimeout()).isGreaterThan(Duration.ofMinutes(3));
        assertThat(launcher.jvmOptionsOf("local-provider")).containsExactly("-Xmx1g");
        assertThat(launcher.propertiesOf("ingest-api")).containsExactly("--pipeline.ingest.limits.hourly=1000000");
        assertThat(launcher.jvmOptionsOf("ingest-api"))
                .containsExactly("-Dpipeline.ingest.webhooks.trusted-hosts=127.0.0.1:1");
        assertThat(launcher.oneProcess()).isFalse();
    }

    @Test
    void the_seeds_runs_start_postgres_and_the_provider_only_and_one_process_is_the_launchers() {
        assertThat(BenchStack.launcherOptions(options(false, false)).processes().pipeline())
                .isFalse();
        assertThat(BenchStack.launcherOptions(options(true, true)).oneProcess()).isTrue();
    }
}
