package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ingest-api's part of the metric contract (docs/observability.md). */
class MetricsTest extends IngestIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void everySubmitThatReachesTheControllerIsCountedByOutcomeAndTimed() {
        String user = Api.newUser("counted");
        double accepted = submits("accepted");
        double rejected = submits("rejected");
        long timed = meters.get("pipeline.submit.latency").timer().count();

        api().submitValid(user, "counted");
        api().submit(user, "{\"prompt\": \"\"}");
        api().submit(user, "{\"prompt\": \"x\", \"width\": 1000}");

        assertThat(submits("accepted")).isEqualTo(accepted + 1);
        assertThat(submits("rejected")).isEqualTo(rejected + 2);
        assertThat(meters.get("pipeline.submit.latency").timer().count()).isEqualTo(timed + 3);
    }

    @Test
    void theScrapeHoldsTheContractsSeries() {
        api().submitValid(Api.newUser("scraped"), "scraped");

        String scrape = api().send(HttpRequest.newBuilder(api().uri("/actuator/prometheus")))
                .text();

        assertThat(scrape)
                .contains(
                        "pipeline_submits_total{",
                        "outcome=\"rate_limited\"",
                        "pipeline_submit_latency_seconds_bucket{",
                        "pipeline_sse_connections{",
                        "pipeline_outbox_backlog{",
                        "pipeline_outbox_oldest_age_seconds{");
    }

    @Test
    void theScrapePassesPromtoolWithoutAnyFinding() throws Exception {
        String user = Api.newUser("linted");
        api().submitValid(user, "linted");
        api().get(user, "/api/v1/generations");
        String scrape = api().send(HttpRequest.newBuilder(api().uri("/actuator/prometheus")))
                .text();

        Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String findings = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(findings.lines())
                .as("promtool check metrics (Debian package prometheus)")
                .isEmpty();
        assertThat(promtool.exitValue()).isZero();
    }

    private double submits(String outcome) {
        return meters.get("pipeline.submits").tag("outcome", outcome).counter().count();
    }
}
