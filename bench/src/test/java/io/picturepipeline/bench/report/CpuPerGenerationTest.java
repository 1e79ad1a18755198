package io.picturepipeline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.bench.report.Results.ComponentUsage;
import io.picturepipeline.bench.report.Results.Scenario;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CpuPerGenerationTest {

    static Scenario run(long completed, List<ComponentUsage> components) {
        return new Scenario(
                "pipeline",
                "50/s",
                0,
                50,
                60,
                3000,
                3000,
                0,
                Map.of(),
                completed,
                0,
                0,
                null,
                null,
                50,
                true,
                "",
                0,
                0,
                List.of(),
                components,
                List.of(),
                Map.of(),
                null);
    }

    private static ComponentUsage cpu(String component, double seconds) {
        return new ComponentUsage(component, seconds, seconds / 60, 100, List.of());
    }

    @Test
    void divides_each_components_cpu_by_the_completed_generations_and_adds_them_up() {
        Scenario s = run(
                3000,
                List.of(
                        cpu("postgres", 17.5),
                        cpu("kafka-broker", 18.5),
                        cpu("local-provider", 9.78),
                        cpu("ingest-api", 15.3),
                        cpu("generation-consumer", 13.2),
                        cpu("download-consumer", 14.0),
                        cpu("projection", 7.4),
                        cpu("bench (load + watcher)", 5.68)));

        Map<String, Double> ms = CpuPerGeneration.of(s);

        assertThat(ms.keySet())
                .containsExactly(
                        "ingest-api",
                        "generation-consumer",
                        "download-consumer",
                        "projection",
                        "broker",
                        "PostgreSQL",
                        "provider",
                        "load generator",
                        "total");
        assertThat(ms.get("ingest-api")).isCloseTo(5.1, Offset.offset(1e-9));
        assertThat(ms.get("PostgreSQL")).isCloseTo(5.833, Offset.offset(1e-3));
        assertThat(ms.get("total")).isCloseTo(33.786, Offset.offset(1e-3));
    }

    @Test
    void the_four_services_in_one_jvm_are_one_column_and_count_in_the_total() {
        Scenario s = run(500, List.of(cpu("postgres", 1.0), cpu("one-process", 4.0)));

        Map<String, Double> ms = CpuPerGeneration.of(s);

        assertThat(ms.keySet()).containsExactly("four services in one JVM", "PostgreSQL", "total");
        assertThat(ms.get("total")).isCloseTo(10.0, Offset.offset(1e-9));
    }

    @Test
    void the_baseline_has_its_own_app_column_and_no_broker() {
        Scenario s = run(1830, List.of(cpu("postgres", 9.15), cpu("seeds (start-generation + worker)", 3.66)));

        assertThat(CpuPerGeneration.of(s))
                .containsOnlyKeys("seeds app", "PostgreSQL", "total")
                .containsEntry("seeds app", 2.0);
    }

    @Test
    void nothing_completed_no_cost_per_generation() {
        assertThat(CpuPerGeneration.of(run(0, List.of(cpu("postgres", 1))))).isEmpty();
    }
}
