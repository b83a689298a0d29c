package io.mirrormaestro.api.web;

import io.mirrormaestro.api.problem.ProblemDetails;
import io.mirrormaestro.api.problem.UnprocessableException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A partial update as the original tool read it: a field that is absent stays as it is, a field sent as
 * {@code null} is cleared. Unknown fields and wrongly typed values are refused, naming the field.
 */
public final class UpdateBody<T> {

    private final JsonNode json;
    private final T values;

    private UpdateBody(JsonNode json, T values) {
        this.json = json;
        this.values = values;
    }

    public static <T> UpdateBody<T> parse(JsonNode json, Class<T> type, ObjectMapper mapper, Validator validator) {
        if (json == null || !json.isObject()) {
            throw new UnprocessableException(List.of(new ProblemDetails.FieldError("body", "must be a JSON object")));
        }
        T values;
        try {
            values = mapper.treeToValue(json, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty()
                    ? "body"
                    : e.getPath().get(e.getPath().size() - 1).getPropertyName();
            String why = e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException
                    ? "unknown field"
                    : "has the wrong type";
            throw new UnprocessableException(List.of(new ProblemDetails.FieldError(field, why)));
        } catch (JacksonException e) {
            throw new UnprocessableException(List.of(new ProblemDetails.FieldError("body", e.getOriginalMessage())));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(values);
        if (!violations.isEmpty()) {
            List<ProblemDetails.FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<T> v : violations) {
                errors.add(new ProblemDetails.FieldError(
                        ProblemDetails.snake(v.getPropertyPath().toString()), v.getMessage()));
            }
            throw new UnprocessableException(errors);
        }
        return new UpdateBody<>(json, values);
    }

    /** Whether the request mentions {@code field} (snake_case), null or not. */
    public boolean has(String field) {
        return json.has(field);
    }

    public T values() {
        return values;
    }

    public List<String> fields() {
        List<String> names = new ArrayList<>();
        Iterator<String> it = json.propertyNames().iterator();
        it.forEachRemaining(names::add);
        return names;
    }
}
