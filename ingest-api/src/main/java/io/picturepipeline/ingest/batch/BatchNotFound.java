package io.picturepipeline.ingest.batch;

import io.picturepipeline.ingest.refusal.NotFoundException;
import java.util.UUID;

/** The caller has no batch with this id. */
class BatchNotFound extends NotFoundException {

    BatchNotFound(UUID id) {
        super("No batch " + id + ".");
    }
}
