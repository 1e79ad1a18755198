package io.picturepipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.Sweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingsTest {

    private final Findings findings = new Findings();
    private final List<Double> settledAfter = new ArrayList<>();

    @Test
    void sweepRisesUntilARateIsNotSustainedAndKeepsTheLastSustainedOne() {
        Double best = findings.sweep(
                "pipeline",
                0,
                "pipeline sweep",
                List.of(10.0, 20.0, 40.0, 80.0),
                rate -> scenario("at " + rate, rate < 40),
                () -> settledAfter.add(lastScenarioRate()));

        assertThat(best).isEqualTo(20.0);
        assertThat(findings.scenarios()).extracting(Scenario::name).containsExactly("at 10.0", "at 20.0", "at 40.0");
        assertThat(findings.sweeps())
                .containsExactly(new Sweep("pipeline", 0, List.of("at 10.0", "at 20.0", "at 40.0"), 20.0));
        assertThat(settledAfter)
                .as("between runs after each sustained step only")
                .containsExactly(10.0, 20.0);
    }

    @Test
    void aFailedStepEndsTheSweepWithANote() {
        Double best = findings.sweep(
                "seeds-tuned-4",
                2_000,
                "seeds tuned",
                List.of(10.0, 20.0),
                rate -> {
                    throw new IllegalStateException("stack gone");
                },
                () -> {});

        assertThat(best).isNull();
        assertThat(findings.scenarios()).isEmpty();
        assertThat(findings.sweeps()).containsExactly(new Sweep("seeds-tuned-4", 2_000, List.of(), null));
        assertThat(findings.notes()).containsExactly("seeds tuned failed: java.lang.IllegalStateException: stack gone");
    }

    private double lastScenarioRate() {
        return findings.scenarios().get(findings.scenarios().size() - 1).offeredRate();
    }

    private static Scenario scenario(String name, boolean sustainable) {
        double rate = Double.parseDouble(name.substring(3));
        return new Scenario(
                "pipeline",
                name,
                0,
                rate,
                30,
                0,
                0,
                0,
                Map.of(),
                0,
                0,
                0,
                null,
                null,
                rate,
                sustainable,
                "",
                0,
                0,
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                null);
    }
}
