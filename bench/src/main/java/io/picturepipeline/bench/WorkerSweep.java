package io.picturepipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tuned baseline's worker sweep. Each worker count is swept at rising rates until one is not sustained; the next
 * worker count starts just above the best rate so far ({@link #IMPROVEMENT}), because the question it answers is
 * whether more workers sustain more. The sweep of worker counts stops at the first count that does not.
 */
final class WorkerSweep {

    /** A worker count improves on the ones before it when it sustains at least 5% more. */
    static final double IMPROVEMENT = 1.05;

    /**
     * Worker counts whose whole capacity estimate is below this many generations a second are not swept: they cannot
     * be the best (3 and 16 workers with a 20 s provider do 0.15/s and 0.8/s), and each of their runs takes minutes.
     */
    static final double SLOWEST_WORTH_A_RUN = 1.0;

    private WorkerSweep() {}

    /**
     * The rates to try with {@code workers} workers, lowest first: fractions of the capacity estimate N / (job time);
     * after an earlier worker count sustained {@code previousBest}, from 5% above it, no two points more than 2×
     * apart, up to the highest fraction of the estimate.
     */
    static List<Double> rates(int workers, Duration latency, List<Double> factors, @Nullable Double previousBest) {
        double capacity = Plan.seedsCapacityEstimate(workers, latency);
        List<Double> points = new ArrayList<>();
        double floor = previousBest == null ? 0 : round(previousBest * IMPROVEMENT);
        if (previousBest != null) {
            points.add(floor);
        }
        for (double factor : factors) {
            double rate = round(capacity * factor);
            if (rate > floor) {
                while (!points.isEmpty() && rate > points.get(points.size() - 1) * 2) {
                    points.add(round(points.get(points.size() - 1) * 2));
                }
                points.add(rate);
            }
        }
        return points;
    }

    /** The plan's worker counts that are worth sweeping at {@code latency}, in the plan's order. */
    static List<Integer> worthSweeping(List<Integer> counts, Duration latency) {
        return counts.stream()
                .filter(workers -> Plan.seedsCapacityEstimate(workers, latency) >= SLOWEST_WORTH_A_RUN)
                .toList();
    }

    /**
     * The worker counts to run at a latency whose job time an earlier latency's sweep already had: its best count and
     * the next one of the plan, which must again fail to improve on it.
     */
    static List<Integer> confirming(List<Integer> counts, int best) {
        int at = counts.indexOf(best);
        return counts.subList(at, Math.min(at + 2, counts.size()));
    }

    /** Whether a worker count's best sustained rate is worth another step of the sweep. */
    static boolean improved(@Nullable Double previousBest, @Nullable Double best) {
        return best != null && (previousBest == null || best >= previousBest * IMPROVEMENT);
    }

    private static double round(double rate) {
        return Math.round(rate * 100) / 100.0;
    }
}
