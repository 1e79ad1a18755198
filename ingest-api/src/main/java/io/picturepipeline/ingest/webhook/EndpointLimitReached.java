package io.picturepipeline.ingest.webhook;

/** An owner who already has the most webhook endpoints allowed tried to register another. */
public class EndpointLimitReached extends RuntimeException {

    private final int maxEndpoints;

    EndpointLimitReached(long existing, int maxEndpoints) {
        super("You have " + existing + " webhook endpoints, the most allowed; delete one first.");
        this.maxEndpoints = maxEndpoints;
    }

    public int maxEndpoints() {
        return maxEndpoints;
    }
}
