package io.picturepipeline.ingest.web;

import io.picturepipeline.ingest.derive.ParentNotCompleted;
import io.picturepipeline.ingest.generation.GenerationAlreadyEnded;
import io.picturepipeline.ingest.generation.IdempotencyKeyReused;
import io.picturepipeline.ingest.limit.RateLimitExceeded;
import io.picturepipeline.ingest.refusal.FieldViolation;
import io.picturepipeline.ingest.refusal.InvalidRequestException;
import io.picturepipeline.ingest.refusal.NotFoundException;
import io.picturepipeline.ingest.stream.StreamLimitReached;
import io.picturepipeline.ingest.webhook.EndpointLimitReached;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of the API as {@code application/problem+json}: Spring MVC's own (400, 404, 405, 415, …) through
 * {@link ResponseEntityExceptionHandler}, ours below, anything unexpected as a 500 that reveals nothing inside.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
        return ResponseEntity.badRequest()
                .body(Problems.invalid("The request is invalid.", e.violations(), request.getRequestURI()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, e.getMessage(), request.getRequestURI()));
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> refused(ProblemException e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(e.status(), e.getMessage(), request.getRequestURI());
        if (!e.violations().isEmpty()) {
            problem.setProperty("errors", e.violations());
        }
        e.properties().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        Long retryAfter = e.retryAfterSeconds();
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            problem.setProperty("retryAfterSeconds", retryAfter);
        }
        return response.body(problem);
    }

    /** The domain's refusals, each as the problem {@link DomainRefusals} makes of it. */
    @ExceptionHandler({
        GenerationAlreadyEnded.class,
        ParentNotCompleted.class,
        EndpointLimitReached.class,
        IdempotencyKeyReused.class,
        RateLimitExceeded.class,
        StreamLimitReached.class
    })
    ResponseEntity<ProblemDetail> domainRefusal(RuntimeException e, HttpServletRequest request) {
        return refused(DomainRefusals.problem(e), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String name = e.getName();
        return ResponseEntity.badRequest()
                .body(Problems.invalid(
                        "The request is invalid.",
                        List.of(new FieldViolation(name, "is not a valid value")),
                        request.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseFailures.isUnavailable(e)) {
            return databaseUnavailable(e, request);
        }
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.internalServerError()
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred.", request.getRequestURI()));
    }

    /** PostgreSQL unreachable: the client may simply try again. */
    private static ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn(
                "{} {} failed, the database is unavailable: {}",
                request.getMethod(),
                request.getRequestURI(),
                e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "The database is temporarily unavailable. Please retry.",
                        request.getRequestURI()));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldViolation violation = describe(e);
        ProblemDetail problem =
                Problems.invalid("The request body could not be read.", List.of(violation), path(request));
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldViolation(error.getField(), String.valueOf(error.getDefaultMessage())))
                .toList();
        return handleExceptionInternal(
                e, Problems.invalid("The request is invalid.", violations, path(request)), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.withInstance(problem, path(request));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static FieldViolation describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (!(cause instanceof JacksonException jackson)) {
            return new FieldViolation("body", "a JSON object is required");
        }
        String field = jackson.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        if (jackson instanceof StreamConstraintsException limit) {
            return JsonLimits.violation(field.isEmpty() ? "body" : field, String.valueOf(limit.getOriginalMessage()));
        }
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            return new FieldViolation(unknown.getPropertyName(), "is not a known field");
        }
        if (jackson instanceof MismatchedInputException mismatch) {
            return field.isEmpty()
                    ? new FieldViolation("body", "must be a JSON object")
                    : new FieldViolation(field, "must be " + expected(mismatch.getTargetType()));
        }
        if (jackson instanceof StreamReadException && jackson.getLocation() != null) {
            return new FieldViolation(
                    field.isEmpty() ? "body" : field,
                    "is not valid JSON (line " + jackson.getLocation().getLineNr() + ", column "
                            + jackson.getLocation().getColumnNr() + ")");
        }
        return new FieldViolation(field.isEmpty() ? "body" : field, "is not valid JSON");
    }

    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        String name = type.getSimpleName().toLowerCase(Locale.ROOT);
        switch (name) {
            case "int", "integer", "long", "short":
                return "an integer";
            case "double", "float", "bigdecimal":
                return "a number";
            case "string":
                return "a string";
            case "boolean":
                return "true or false";
            default:
                return "a JSON object";
        }
    }

    private static @Nullable String path(WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servlet) {
            return servlet.getRequestURI();
        }
        return null;
    }
}
