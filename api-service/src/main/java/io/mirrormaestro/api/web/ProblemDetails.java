package io.mirrormaestro.api.web;

import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * The one place that turns failures into RFC 9457 {@code application/problem+json}. Validation problems list each
 * offending field under {@code errors} as {@code {field, message}}, with snake_case field names as sent.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

    record FieldError(String field, String message) {}

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

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(
                HttpStatus.CONFLICT, "Conflict", e.getMessage(), List.of(new FieldError(e.field(), e.getMessage())));
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
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new FieldError(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = List.of();
        String detail = "request body is not valid JSON of the expected shape";
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof PropertyBindingException unknown) {
            errors = List.of(new FieldError(unknown.getPropertyName(), "unknown field"));
            detail = "unknown field '" + unknown.getPropertyName() + "'";
        } else if (cause instanceof tools.jackson.databind.DatabindException bind
                && !bind.getPath().isEmpty()) {
            String field = bind.getPath().get(bind.getPath().size() - 1).getPropertyName();
            errors = List.of(new FieldError(field, "has the wrong type"));
            detail = "field '" + field + "' has the wrong type";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        if (!errors.isEmpty()) {
            problem.setProperties(Map.of("errors", errors));
        }
        return problem;
    }

    private static String summary(List<FieldError> errors) {
        return errors.isEmpty()
                ? "invalid request"
                : errors.stream()
                        .map(e -> e.field() + ": " + e.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElseThrow();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return snake(dot < 0 ? path : path.substring(dot + 1));
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String simpleType(Class<?> type) {
        return type == null ? "value" : type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
