package io.picturepipeline.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provisioned Grafana dashboard: valid JSON of the shape Grafana provisions, every query valid PromQL (checked
 * by promtool as recording rules) and reading only series of the metric contract, and a panel for every
 * measurement issue 7 asks for.
 */
class DashboardTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode dashboard = JSON.readTree(Repo.read(Repo.compose("grafana/dashboards/pipeline.json")));

    @Test
    void isAProvisionableDashboard() {
        assertThat(dashboard.path("uid").asString()).isEqualTo("picture-pipeline");
        assertThat(dashboard.path("title").asString()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("panels").isArray()).isTrue();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asString();
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("unique id: " + title)
                    .isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("w").asInt()).as(title).isPositive();
            assertThat(grid.path("h").asInt()).as(title).isPositive();
            assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                    .as(title)
                    .isLessThanOrEqualTo(24);
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.path("type").asString()).as(title).isIn("timeseries", "stat", "gauge", "table");
            assertThat(panel.path("datasource").path("uid").asString())
                    .as(title)
                    .isEqualTo("prometheus");
            assertThat(panel.path("targets").size()).as(title).isPositive();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asString()).as(title).isNotBlank();
                assertThat(refIds.add(target.path("refId").asString()))
                        .as(title + " refIds")
                        .isTrue();
                assertThat(target.path("datasource").path("uid").asString())
                        .as(title)
                        .isEqualTo("prometheus");
            }
        }
    }

    @Test
    void usesOnlyMetricsOfTheContract() {
        Set<String> allowed = new TreeSet<>(MetricContract.series());
        allowed.add("up");
        for (String expr : queries()) {
            assertThat(PromQl.metricNames(expr)).as(expr).isNotEmpty().isSubsetOf(allowed);
        }
    }

    @Test
    void showsEveryMeasurementOfIssue7() {
        Set<String> used = new TreeSet<>();
        queries().forEach(expr -> used.addAll(PromQl.metricNames(expr)));
        assertThat(used)
                .contains(
                        "pipeline_submits_total", // throughput
                        "pipeline_generations_total",
                        "pipeline_submit_latency_seconds_bucket", // latency
                        "pipeline_stage_duration_seconds_bucket",
                        "pipeline_predictions_in_flight", // in-flight
                        "pipeline_retries_total", // retries
                        "pipeline_dead_letters_total", // dead letters
                        "kafka_consumer_fetch_manager_records_lag", // consumer lag
                        "pipeline_projection_lag_seconds", // projection lag
                        "pipeline_sse_connections", // SSE connections
                        "pipeline_outbox_backlog", // outbox backlog
                        "pipeline_outbox_oldest_age_seconds",
                        "pipeline_provider_latency_seconds_bucket", // provider latency and errors
                        "pipeline_provider_errors_total",
                        "pipeline_generations_stuck");
    }

    @Test
    void everyQueryIsValidPromql(@TempDir Path directory) throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int index = 0;
        for (String expr : queries()) {
            String concrete = expr.replace("$__rate_interval", "1m")
                    .replace("$__interval", "1m")
                    .replace("$__range", "1h");
            rules.append("      - record: dashboard:query_")
                    .append(index++)
                    .append("\n        expr: ")
                    .append(JSON.writeValueAsString(concrete))
                    .append('\n');
        }
        Files.writeString(directory.resolve("dashboard-rules.yml"), rules);
        Promtool.Result result = Promtool.run(directory, null, "check", "rules", "dashboard-rules.yml");
        assertThat(result.exitCode()).as(result.output() + "\n" + rules).isZero();
    }

    @Test
    void grafanaIsProvisionedWithThisDashboardAndTheComposePrometheus() {
        Map<String, Object> datasources =
                ComposeFile.yaml(Repo.read(Repo.compose("grafana/provisioning/datasources/prometheus.yml")));
        Map<String, Object> prometheus = ComposeFile.map(
                ComposeFile.list(datasources.get("datasources"), "datasources").get(0), "datasource");
        assertThat(prometheus)
                .containsEntry("uid", "prometheus")
                .containsEntry("type", "prometheus")
                .containsEntry("url", "http://prometheus:9090");

        Map<String, Object> providers =
                ComposeFile.yaml(Repo.read(Repo.compose("grafana/provisioning/dashboards/pipeline.yml")));
        Map<String, Object> provider = ComposeFile.map(
                ComposeFile.list(providers.get("providers"), "providers").get(0), "provider");
        String path = String.valueOf(
                ComposeFile.map(provider.get("options"), "options").get("path"));

        List<Object> volumes =
                ComposeFile.list(ComposeFile.main().service("grafana").get("volumes"), "grafana");
        assertThat(volumes)
                .contains(
                        "./grafana/dashboards:" + path + ":ro", "./grafana/provisioning:/etc/grafana/provisioning:ro");
        assertThat(ComposeFile.main().resolvedEnvironment("grafana"))
                .containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", path + "/pipeline.json");
    }

    private List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asString());
            }
        }
        assertThat(queries).isNotEmpty();
        return queries;
    }
}
