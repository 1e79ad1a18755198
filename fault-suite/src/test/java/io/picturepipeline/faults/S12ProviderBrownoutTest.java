package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.faults.Ledger.Rules;
import io.picturepipeline.launcher.ServiceProcess;
import io.picturepipeline.provider.local.Faults;
import io.picturepipeline.provider.local.LocalProvider;
import io.picturepipeline.schemas.GenerationStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 12: a provider brownout under a steady submit rate. Every provider call hangs (never answered; the
 * generation-consumer gives each create up after its request timeout) for five minutes, then the provider is healthy
 * again. The generation-consumer calls the provider on its listener threads, so this is where records per poll ×
 * time per record could exceed {@code max.poll.interval.ms}: it must not (no poll-timeout eviction, no rebalance),
 * no create may be paid without being recorded, and every accepted generation ends — completed after the brownout,
 * or parked on the dead-letter topic when its retries ran out during it.
 *
 * <p>The local provider cannot yet answer a hung create with a 503 after 30 s, nor hang creates only: its
 * {@code hangRate} holds every API call open (polls too) for up to 10 minutes; the consumer's request timeout cuts
 * each create short, which from the consumer's side is the same brownout.
 */
@Order(12)
@Tag("fault")
class S12ProviderBrownoutTest {

    private static final String SCENARIO = "s12-provider-brownout";
    /** What the Kafka client logs when a consumer left its group because it did not poll in time. */
    static final String POLL_TIMEOUT = "consumer poll timeout has expired";
    /** The Kafka client's rebalance counter, per consumer, on the generation-consumer's Prometheus scrape. */
    static final String REBALANCES = "kafka_consumer_coordinator_rebalance_total";

    @Test
    void providerBrownoutEvictsNoConsumerPaysNothingTwiceAndEveryGenerationEnds() {
        FaultStack stack = SharedStack.standard();
        stack.ledger().rules(SCENARIO, new Rules(EnumSet.of(GenerationStatus.COMPLETED), true));
        LocalProvider provider = stack.provider();
        long createdBefore = provider.stats().created();
        long pollTimeoutsBefore = stack.logLines("generation-consumer", POLL_TIMEOUT);
        double rebalancesBefore = rebalances(stack);
        Instant start = Instant.now();
        Duration brownout = Duration.ofSeconds(Scale.pick(60, 300));
        double perSecond = 1.0;
        int submissions = (int) (brownout.toSeconds() * perSecond);
        LoadDriver.Run run;
        try {
            provider.faults(Faults.none().withHangRate(1.0));
            Scenarios.log(SCENARIO + ": every provider call hangs for " + brownout + ", " + submissions
                    + " submissions at " + perSecond + "/s");
            run = stack.driver(SCENARIO).start(submissions, perSecond, 2);
            run.await(brownout.plusMinutes(2));
        } finally {
            provider.resetFaults();
        }
        Scenarios.log(SCENARIO + ": brownout over");

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(6, 12)));
        long accepted = stack.ledger().outcomes(SCENARIO).get(Outcome.ACCEPTED);
        long created = provider.stats().created() - createdBefore;
        long recorded = stack.count("select count(*) from generation.prediction where prediction_id is not null"
                + " and created_at >= '" + start + "'");
        long pollTimeouts = stack.logLines("generation-consumer", POLL_TIMEOUT) - pollTimeoutsBefore;
        double rebalanced = rebalances(stack) - rebalancesBefore;
        report.count("brownout", brownout + " at " + perSecond + "/s");
        report.count("submitted", run.submitted());
        report.count("outcomes of this scenario", stack.ledger().outcomes(SCENARIO));
        report.count("completed", stack.count(completedSince(start)));
        report.count("consumer evictions for a poll timeout (log)", pollTimeouts);
        report.count("rebalances of the generation-consumer's consumers (" + REBALANCES + ")", rebalanced);
        report.count("predictions created at the provider / recorded by the stage", created + " / " + recorded);
        report.count(
                "provider creates per completed generation",
                String.format("%.3f", created / (double) Math.max(1, stack.count(completedSince(start)))));
        Scenarios.file(SCENARIO, report, stack);
        assertThat(accepted).isPositive();
        assertThat(pollTimeouts).as("consumers evicted for not polling in time").isZero();
        assertThat(rebalanced)
                .as("rebalances of the generation-consumer's consumers")
                .isZero();
        assertThat(created)
                .as("every paid prediction is recorded: none bought twice")
                .isEqualTo(recorded);
        Scenarios.assertHolds(report);
    }

    /** The sum of the rebalance counters of every consumer of the generation-consumer (all its listeners). */
    private static double rebalances(FaultStack stack) {
        ServiceProcess service = stack.stack().service("generation-consumer");
        try {
            HttpResponse<String> scrape = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + service.port() + "/actuator/prometheus"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return scrape.body()
                    .lines()
                    .filter(line -> line.startsWith(REBALANCES + "{") || line.startsWith(REBALANCES + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String completedSince(Instant start) {
        return "select count(*) from projection.generation where status = 'completed' and requested_at >= '" + start
                + "'";
    }
}
