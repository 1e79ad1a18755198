package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.faults.Ledger.Rules;
import io.picturepipeline.provider.local.Faults;
import io.picturepipeline.provider.local.LocalProvider;
import io.picturepipeline.schemas.GenerationStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8: provider storms, one after the other under load: 50 % 5xx on every API call, 429 with
 * {@code Retry-After} on half of them, and hung connections (never answered) on a tenth of API calls and file
 * downloads. Every generation completes, or — if its transient failures outlast every retry — is parked on the
 * dead-letter topic (not failed). No generation buys a second prediction.
 */
@Order(6)
@Tag("fault")
class S08ProviderStormTest {

    private static final String SCENARIO = "s08-provider-storm";

    @Test
    void providerStormsEndInCompletionOrAParkedDeadLetterNeverALoss() {
        FaultStack stack = SharedStack.standard();
        stack.ledger().rules(SCENARIO, new Rules(EnumSet.of(GenerationStatus.COMPLETED), true));
        LocalProvider provider = stack.provider();
        long createdBefore = provider.stats().created();
        Map<String, Faults> storms = new LinkedHashMap<>();
        storms.put("50% 5xx", Faults.none().withErrorRate(500, 0.25).withErrorRate(503, 0.25));
        storms.put("429 with Retry-After: 2", Faults.none().withRateLimit(0.5, 2));
        storms.put("hung connections", Faults.none().withHangRate(0.1));
        LoadDriver driver = stack.driver(SCENARIO);
        int perStorm = Scale.pick(20, 150);
        try {
            for (var storm : storms.entrySet()) {
                provider.faults(storm.getValue());
                Scenarios.log(SCENARIO + ": storm '" + storm.getKey() + "' (" + perStorm + " submissions)");
                driver.start(perStorm, 5.0, 4).await(Duration.ofMinutes(3));
                Scenarios.hold(Duration.ofSeconds(20));
            }
        } finally {
            provider.resetFaults();
        }
        Scenarios.log(SCENARIO + ": storms over");

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(4, 8)));
        long accepted = stack.ledger().outcomes(SCENARIO).get(Outcome.ACCEPTED);
        long created = provider.stats().created() - createdBefore;
        report.count("predictions created for " + accepted + " accepted generations", created);
        report.count("provider", provider.stats());
        Scenarios.file(SCENARIO, report, stack);
        assertThat(created).as("one paid prediction per generation").isEqualTo(accepted);
        Scenarios.assertHolds(report);
    }
}
