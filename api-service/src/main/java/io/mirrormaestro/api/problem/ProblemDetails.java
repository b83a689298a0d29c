package io.mirrormaestro.api.problem;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * The one place that turns failures into RFC 9457 {@code application/problem+json}. {@code detail} says what was
 * wrong in one line; {@code errors} lists each offending field as {@code {field, message}} with the snake_case name
 * as sent. A body that is not JSON is 400; a JSON body with unknown, mistyped or invalid fields is 422 (as the
 * original tool answered); a bad query parameter is 400.
 */
@RestControllerAdvice
public class ProblemDetails extends ResponseEntityExceptionHandler {

    /** One offending field of a request. */
    public record FieldError(String field, String message) {}

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), List.of());
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                e.getMessage(),
                List.of(new FieldError(e.field(), e.reason())));
    }

    @ExceptionHandler(UnprocessableException.class)
    ProblemDetail unprocessable(UnprocessableException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request", e.getMessage(), e.errors());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = problem(
                HttpStatus.CONFLICT, "Conflict", e.getMessage(), List.of(new FieldError(e.field(), e.getMessage())));
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(GitLabReadException.class)
    ProblemDetail gitlabRead(GitLabReadException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_GATEWAY, "GitLab request failed", e.getMessage(), List.of());
        if (e.status() > 0) {
            problem.setProperty("gitlab_status", e.status());
        }
        return problem;
    }

    /**
     * MongoDB away (stopped, unreachable, not answering within {@code MM_STORE_TIMEOUT}): a 503 that says so, within
     * that time, instead of a request hanging for the driver's 30 s and ending in a 500.
     */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        MongoTimeoutException.class,
        MongoSocketException.class
    })
    ResponseEntity<ProblemDetail> storeAway(Exception e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Database unavailable",
                        "MongoDB does not answer; try again shortly",
                        List.of()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors), errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        FieldError error = new FieldError(e.getName(), "is not a valid " + simpleType(e.getRequiredType()));
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(List.of(error)), List.of(error));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(snake(f.getField()), f.getDefaultMessage()))
                .toList();
        return answer(HttpStatus.UNPROCESSABLE_CONTENT, summary(errors), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        boolean body = false;
        List<FieldError> errors = new ArrayList<>();
        for (var result : e.getParameterValidationResults()) {
            body |= result.getMethodParameter().hasParameterAnnotation(RequestBody.class);
            for (var error : result.getResolvableErrors()) {
                String field = error instanceof org.springframework.validation.FieldError fe
                        ? snake(fe.getField())
                        : snake(result.getMethodParameter().getParameterName());
                errors.add(new FieldError(field, error.getDefaultMessage()));
            }
        }
        return answer(body ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST, summary(errors), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof PropertyBindingException unknown) {
            return answer(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "unknown field '" + unknown.getPropertyName() + "'",
                    List.of(new FieldError(unknown.getPropertyName(), "unknown field")));
        }
        if (cause instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            String field = bind.getPath().get(bind.getPath().size() - 1).getPropertyName();
            return answer(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "field '" + field + "' has the wrong type",
                    List.of(new FieldError(field, "has the wrong type")));
        }
        return answer(
                HttpStatus.BAD_REQUEST,
                "request body is not valid JSON",
                List.of(new FieldError("body", "is not valid JSON")));
    }

    private static ResponseEntity<Object> answer(HttpStatus status, String detail, List<FieldError> errors) {
        return ResponseEntity.status(status).body(problem(status, "Invalid request", detail, errors));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static String summary(List<FieldError> errors) {
        return errors.isEmpty()
                ? "invalid request"
                : String.join(
                        "; ",
                        errors.stream().map(e -> e.field() + ": " + e.message()).toList());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return snake(dot < 0 ? path : path.substring(dot + 1));
    }

    public static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String simpleType(Class<?> type) {
        return type == null ? "value" : type.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
