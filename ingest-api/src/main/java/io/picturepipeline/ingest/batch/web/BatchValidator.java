package io.picturepipeline.ingest.batch.web;

import io.picturepipeline.ingest.batch.BatchService;
import io.picturepipeline.ingest.generation.web.SubmissionValidator;
import io.picturepipeline.ingest.generation.web.SubmitGenerationRequest;
import io.picturepipeline.ingest.refusal.FieldViolation;
import io.picturepipeline.ingest.refusal.InvalidRequestException;
import io.picturepipeline.schemas.GenerationParameters;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks every item as a single submission is checked and refuses the batch with all violations at once, each
 * field named with its item: {@code items[3].prompt}.
 */
@Component
class BatchValidator {

    private final SubmissionValidator items;

    BatchValidator(SubmissionValidator items) {
        this.items = items;
    }

    List<GenerationParameters> toParameters(SubmitBatchRequest request) {
        List<SubmitGenerationRequest> submitted = request.items();
        if (submitted == null || submitted.isEmpty() || submitted.size() > BatchService.MAX_ITEMS) {
            throw new InvalidRequestException("items", "must hold 1 to " + BatchService.MAX_ITEMS + " items");
        }
        List<GenerationParameters> parameters = new ArrayList<>(submitted.size());
        List<FieldViolation> violations = new ArrayList<>();
        for (int index = 0; index < submitted.size(); index++) {
            SubmitGenerationRequest item = submitted.get(index);
            String path = "items[" + index + "]";
            if (item == null) {
                violations.add(new FieldViolation(path, "must be an object with at least a prompt"));
                continue;
            }
            try {
                parameters.add(items.toParameters(item));
            } catch (InvalidRequestException e) {
                e.violations().forEach(v -> violations.add(new FieldViolation(path + "." + v.field(), v.message())));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return parameters;
    }
}
