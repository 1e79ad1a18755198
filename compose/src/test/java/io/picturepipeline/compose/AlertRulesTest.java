package io.picturepipeline.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Prometheus configuration and alert rules: promtool accepts both ({@code check config}, {@code check rules}), the
 * rules fire when they should ({@code promtool test rules} on {@code src/test/resources/alerts.test.yml}), every rule
 * is documented with a runbook entry, and only series of the metric contract are used.
 */
class AlertRulesTest {

    private final Map<String, Object> rules = ComposeFile.yaml(Repo.read(Repo.compose("prometheus/alerts.yml")));

    @Test
    void promtoolAcceptsThePrometheusConfiguration() {
        Promtool.Result result = Promtool.run(Repo.compose(), null, "check", "config", "prometheus/prometheus.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void promtoolAcceptsTheAlertRules() {
        Promtool.Result result = Promtool.run(Repo.compose(), null, "check", "rules", "prometheus/alerts.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void alertsFireWhenTheyShould(@TempDir Path directory) throws Exception {
        Map<String, Object> withoutAnnotations = ComposeFile.yaml(Repo.read(Repo.compose("prometheus/alerts.yml")));
        for (Map<String, Object> rule : rules(withoutAnnotations)) {
            rule.remove("annotations");
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(directory.resolve("alerts.yml"), new Yaml(options).dump(withoutAnnotations));
        Files.copy(Repo.compose("src/test/resources/alerts.test.yml"), directory.resolve("alerts.test.yml"));
        Promtool.Result result = Promtool.run(directory, null, "test", "rules", "alerts.test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyRuleIsAnAlertWithSeverityAndRunbook() {
        String doc = Repo.read(Repo.root("docs/observability.md"));
        Set<String> anchors = anchors(doc);
        Set<String> names = new HashSet<>();
        for (Map<String, Object> rule : rules(rules)) {
            String name = String.valueOf(rule.get("alert"));
            assertThat(rule).as("only alerting rules").containsKey("alert");
            assertThat(names.add(name)).as("unique: " + name).isTrue();
            assertThat(ComposeFile.map(rule.get("labels"), name).get("severity"))
                    .as(name)
                    .isIn("critical", "warning", "info");
            Map<String, Object> annotations = ComposeFile.map(rule.get("annotations"), name + ".annotations");
            assertThat(annotations.keySet()).as(name).contains("summary", "description", "runbook");
            annotations
                    .values()
                    .forEach(text -> assertThat(String.valueOf(text)).as(name).isNotBlank());
            Matcher runbook = Pattern.compile("^docs/observability\\.md#([a-z0-9-]+): \\S")
                    .matcher(String.valueOf(annotations.get("runbook")));
            assertThat(runbook.find()).as(name + " runbook names its entry").isTrue();
            assertThat(anchors)
                    .as(name + " runbook entry in docs/observability.md")
                    .contains(runbook.group(1));
            assertThat(doc).as(name + " is in the alert table").contains(name);
        }
    }

    @Test
    void carriesTheSeedsAlertsAndOurs() {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Map<String, Object> rule : rules(rules)) {
            expressions.put(String.valueOf(rule.get("alert")), String.valueOf(rule.get("expr")));
        }
        // the old system's alerts: queue depth > 50, success rate < 90 %, stuck jobs > 0, cron not executing
        assertThat(expressions.get("GenerateBacklogHigh"))
                .contains("kafka_consumer_fetch_manager_records_lag", "pipeline.generate", "> 50");
        assertThat(expressions.get("GenerationFailureRateHigh"))
                .contains("pipeline_generations_total", "failed", "> 0.10");
        assertThat(expressions.get("GenerationsStuck")).contains("pipeline_generations_stuck", "> 0");
        assertThat(expressions.get("PredictionPollerNotRunning")).contains("pipeline_predictions_in_flight", "poll");
        assertThat(expressions.get("OutboxRelayBehind")).contains("pipeline_outbox_oldest_age_seconds", "> 60");
        // ours
        assertThat(expressions.get("ProjectionLagHigh")).contains("pipeline_projection_lag_seconds", "> 60");
        assertThat(expressions.get("DeadLettersPresent")).contains("pipeline_dead_letters_total");
        assertThat(expressions.get("DeadLettersGrowing")).contains("pipeline_dead_letters_total");
        assertThat(expressions.get("ConsumerPartitionLagging")).contains("kafka_consumer_fetch_manager_records_lag");
        for (String stage : List.of("generation-consumer", "download-consumer", "projection", "ingest-api")) {
            assertThat(expressions.values()).contains("absent(up{job=\"" + stage + "\"} == 1)");
        }
        assertThat(expressions.get("GenerateStageHasNoConsumer")).startsWith("absent(");
    }

    @Test
    void usesOnlyMetricsOfTheContract() {
        Set<String> allowed = new TreeSet<>(MetricContract.series());
        allowed.add("up");
        for (Map<String, Object> rule : rules(rules)) {
            String expr = String.valueOf(rule.get("expr"));
            assertThat(PromQl.metricNames(expr))
                    .as(rule.get("alert") + ": " + expr)
                    .isSubsetOf(allowed);
        }
    }

    @Test
    void prometheusScrapesEveryServicesPrometheusEndpoint() {
        Map<String, Object> config = ComposeFile.yaml(Repo.read(Repo.compose("prometheus/prometheus.yml")));
        Map<String, String> paths = new LinkedHashMap<>();
        for (Object job : ComposeFile.list(config.get("scrape_configs"), "scrape_configs")) {
            Map<String, Object> scrape = ComposeFile.map(job, "scrape config");
            paths.put(String.valueOf(scrape.get("job_name")), String.valueOf(scrape.get("metrics_path")));
        }
        for (String service : ComposeFileTest.PIPELINE_SERVICES) {
            assertThat(paths).containsEntry(service, "/actuator/prometheus");
        }
        assertThat(ComposeFile.list(config.get("rule_files"), "rule_files")).containsExactly("alerts.yml");
        assertThat(ComposeFile.list(ComposeFile.main().service("prometheus").get("volumes"), "prometheus"))
                .contains("./prometheus:/etc/prometheus:ro");
    }

    private static List<Map<String, Object>> rules(Map<String, Object> file) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : ComposeFile.list(file.get("groups"), "groups")) {
            for (Object rule : ComposeFile.list(ComposeFile.map(group, "group").get("rules"), "rules")) {
                rules.add(ComposeFile.map(rule, "rule"));
            }
        }
        assertThat(rules).isNotEmpty();
        return rules;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^#+ (.+)$").matcher(markdown);
        while (heading.find()) {
            anchors.add(heading.group(1)
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9 _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }
}
