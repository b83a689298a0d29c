package io.mirrormaestro.gitlab.simulator.http;

import java.util.List;
import java.util.Map;

/** Aborts a request with a ready GitLab-style error answer. */
public final class ApiException extends RuntimeException {
    private final transient ApiResponse response;

    public ApiException(ApiResponse response) {
        super("HTTP " + response.status(), null, false, false);
        this.response = response;
    }

    public ApiResponse response() {
        return response;
    }

    /** render_api_error!: {"message": ...}. */
    public static ApiException message(int status, Object message) {
        return new ApiException(ApiResponse.json(status, Map.of("message", message)));
    }

    public static ApiException unauthorized() {
        return message(401, "401 Unauthorized");
    }

    public static ApiException forbidden() {
        return message(403, "403 Forbidden");
    }

    /** not_found!("Project") renders "404 Project Not Found". */
    public static ApiException notFound(String what) {
        return message(404, what == null ? "404 Not Found" : "404 " + what + " Not Found");
    }

    /** ActiveRecord::RecordNotFound inside the API. */
    public static ApiException recordNotFound() {
        return message(404, "404 Not found");
    }

    /** Grape's answer for a path no route matches. */
    public static ApiException routeNotFound() {
        return new ApiException(ApiResponse.json(404, Map.of("error", "404 Not Found")));
    }

    public static ApiException methodNotAllowed() {
        return new ApiException(ApiResponse.json(405, Map.of("error", "405 Not Allowed")));
    }

    /** bad_request!(reason) renders "400 Bad request - reason". */
    public static ApiException badRequest(String reason) {
        return message(400, reason == null ? "400 Bad request" : "400 Bad request - " + reason);
    }

    /** Grape parameter validation: {"error": "url is missing"}. */
    public static ApiException paramError(String text) {
        return new ApiException(ApiResponse.json(400, Map.of("error", text)));
    }

    /** render_validation_error!: {"message": {"url": ["is blocked: ..."]}}. */
    public static ApiException validation(String field, String problem) {
        return message(400, Map.of(field, List.of(problem)));
    }
}
