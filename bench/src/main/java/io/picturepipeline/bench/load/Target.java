package io.picturepipeline.bench.load;

/** Where a load run sends its generations: this pipeline's REST API, or the seeds' start-generation. */
public interface Target {

    /**
     * Sends submission {@code seq} without waiting for the answer, and reports the outcome to {@code recorder}
     * against {@code intendedNanos}.
     */
    void submit(long seq, long intendedNanos, RunRecorder recorder);

    /** Requests sent and not answered yet. */
    int outstandingRequests();
}
