package io.picturepipeline.ingest.outbox;

import io.picturepipeline.schemas.PoisonRecordException;
import java.util.List;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/**
 * Which failures of a send no retry can cure: the row itself is wrong (a payload that does not decode, a record the
 * broker refuses for its size, a topic name it rejects). A broker that is away, slow or electing a leader is not one
 * of them: those rows are retried.
 */
final class PermanentFailures {

    private static final List<Class<? extends Throwable>> PERMANENT = List.of(
            PoisonRecordException.class,
            SerializationException.class,
            RecordTooLargeException.class,
            RecordBatchTooLargeException.class,
            InvalidTopicException.class);

    private PermanentFailures() {}

    /** The failure in {@code failure}'s cause chain that no retry can cure, or null when a retry may. */
    static @Nullable Throwable find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> permanent : PERMANENT) {
                if (permanent.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The innermost cause: the broker's own words when nothing permanent is in the chain. */
    static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
