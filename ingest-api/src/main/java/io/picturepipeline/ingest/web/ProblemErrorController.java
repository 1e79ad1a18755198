package io.picturepipeline.ingest.web;

import io.picturepipeline.ingest.refusal.FieldViolation;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller (the container's {@code sendError}, a failing filter) as problem+json
 * too, instead of Boot's default error body. Never repeats exception messages.
 */
@RestController
class ProblemErrorController implements ErrorController {

    static final String WELL_FORMED =
            "must be a well-formed HTTP request: valid percent-encoded UTF-8, within the server's size limits";

    @RequestMapping(path = "${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail = status.is5xxServerError() ? "An unexpected error occurred." : status.getReasonPhrase() + ".";
        String instance = path == null ? null : path.toString();
        // a 400 that reaches this point was refused by the container before any controller could name a field
        ProblemDetail problem = status == HttpStatus.BAD_REQUEST
                ? Problems.invalid(
                        "The server could not read this request.",
                        List.of(new FieldViolation("request", WELL_FORMED)),
                        instance)
                : Problems.of(status, detail, instance);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value) {
            HttpStatus status = HttpStatus.resolve(value);
            if (status != null && status.isError()) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
