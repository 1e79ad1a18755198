package io.picturepipeline.generation.provider;

import io.picturepipeline.generation.GenerationSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Per model, whether sync mode ({@code Prefer: wait=<sync-wait>}) pays: it does for a model whose predictions end
 * within the wait (the create answer is the result, no webhook or poll needed), and not for a slow one, whose create
 * would only be held for the whole wait before answering "still running". Decided from the model's last
 * {@value #WINDOW} predictions this instance saw end: sync mode while at least half of them ended within the wait (a
 * model nothing is known of yet gets it). What is seen: a sync create answered with the result (within) or while the
 * prediction still runs (outlasted), and the result of a prediction created without a wait, from its webhook or a poll
 * (its time from the create call) — so a slow model that becomes fast again is noticed without any probe.
 */
@Component
public class ModelPace {

    /** How many of a model's latest predictions decide. */
    static final int WINDOW = 8;

    private final Duration syncWait;
    private final Map<String, Recent> models = new ConcurrentHashMap<>();

    @Autowired
    public ModelPace(GenerationSettings settings) {
        this(settings.replicate().syncWait());
    }

    ModelPace(Duration syncWait) {
        this.syncWait = syncWait;
    }

    /** Whether this model's next create should wait for its prediction (sync mode). */
    public boolean syncMode(String model) {
        if (syncWait.isZero()) {
            return false;
        }
        Recent recent = models.get(model);
        return recent == null || recent.mostlyWithin();
    }

    /** A prediction of this model ended {@code took} after its create call went out. */
    public void ended(String model, Duration took) {
        record(model, took.compareTo(syncWait) <= 0);
    }

    /** A sync create of this model was answered before its prediction ended: it took longer than the wait. */
    public void outlasted(String model) {
        record(model, false);
    }

    /** Forgets what is known of a model (it gets sync mode again until its predictions say otherwise). */
    public void forget(String model) {
        models.remove(model);
    }

    private void record(String model, boolean within) {
        models.computeIfAbsent(model, m -> new Recent()).add(within);
    }

    /** The last {@link #WINDOW} outcomes of one model: ended within the wait or not. */
    private static final class Recent {

        private final boolean[] within = new boolean[WINDOW];
        private int next;
        private int size;

        synchronized void add(boolean withinWait) {
            within[next] = withinWait;
            next = (next + 1) % WINDOW;
            size = Math.min(size + 1, WINDOW);
        }

        synchronized boolean mostlyWithin() {
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (within[i]) {
                    count++;
                }
            }
            return 2 * count >= size;
        }
    }
}
