package io.mirrormaestro.api.problem;

import java.util.List;

/** Answered as 422 problem+json listing each offending field. */
public class UnprocessableException extends RuntimeException {

    private final transient List<ProblemDetails.FieldError> errors;

    public UnprocessableException(List<ProblemDetails.FieldError> errors) {
        super(errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid"));
        this.errors = List.copyOf(errors);
    }

    public UnprocessableException(String field, String message) {
        this(List.of(new ProblemDetails.FieldError(field, message)));
    }

    public List<ProblemDetails.FieldError> errors() {
        return errors;
    }
}
