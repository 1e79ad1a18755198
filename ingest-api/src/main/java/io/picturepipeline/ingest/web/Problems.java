package io.picturepipeline.ingest.web;

import io.picturepipeline.ingest.refusal.FieldViolation;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the API's RFC 9457 problems. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String detail, @Nullable String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        withInstance(problem, path);
        return problem;
    }

    public static ProblemDetail invalid(String detail, List<FieldViolation> violations, @Nullable String path) {
        ProblemDetail problem = of(HttpStatusCode.valueOf(400), detail, path);
        problem.setProperty("errors", violations);
        return problem;
    }

    static void withInstance(ProblemDetail problem, @Nullable String path) {
        if (problem.getInstance() == null && path != null) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException e) {
                // not a URI reference: leave the instance out
            }
        }
    }
}
