package io.mirrormaestro.api.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mirrormaestro.api.problem.ProblemDetails.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** MockMvc expectations for the RFC 9457 answers {@code ProblemDetails} gives, compared whole. */
public final class ProblemMatchers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemMatchers() {}

    /**
     * The status, {@code application/problem+json}, and exactly the body {@code ProblemDetails} builds: {@code type}
     * {@code about:blank}, the request's path as {@code instance}, and {@code errors} (each {@code {field, message}})
     * only when fields are named.
     */
    public static ResultMatcher problem(HttpStatus status, String title, String detail, FieldError... errors) {
        return result -> {
            ObjectNode expected = JSON.createObjectNode().put("type", "about:blank");
            if (errors.length > 0) {
                ArrayNode list = expected.putArray("errors");
                for (FieldError error : errors) {
                    list.addObject().put("field", error.field()).put("message", error.message());
                }
            }
            matches(status, title, detail, expected).match(result);
        };
    }

    /**
     * The problem Spring MVC builds itself for a {@code ResponseStatusException} or one of its own exceptions (an
     * unsupported Content-Type): the status's reason as {@code title}, the request's path as {@code instance}, and no
     * {@code type} member (which RFC 9457 reads as {@code about:blank}).
     */
    public static ResultMatcher standardProblem(HttpStatus status, String detail) {
        return matches(status, status.getReasonPhrase(), detail, JSON.createObjectNode());
    }

    private static ResultMatcher matches(HttpStatus status, String title, String detail, ObjectNode expected) {
        return result -> {
            status().is(status.value()).match(result);
            content().contentType(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            expected.put("title", title)
                    .put("status", status.value())
                    .put("detail", detail)
                    .put("instance", result.getRequest().getRequestURI());
            content().json(expected.toString(), JsonCompareMode.STRICT).match(result);
        };
    }

    /** A 400 or 422 "Invalid request" naming one field, its detail {@code field: message}. */
    public static ResultMatcher invalid(HttpStatus status, String field, String message) {
        return problem(status, "Invalid request", field + ": " + message, new FieldError(field, message));
    }
}
