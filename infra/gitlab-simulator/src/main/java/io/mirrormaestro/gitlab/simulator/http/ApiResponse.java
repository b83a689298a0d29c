package io.mirrormaestro.gitlab.simulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Status, headers and a body that is JSON-serialised unless it is plain text. */
public final class ApiResponse {
    private final int status;
    private final Object body;
    private final boolean text;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiResponse(int status, Object body, boolean text) {
        this.status = status;
        this.body = body;
        this.text = text;
    }

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, body, false);
    }

    public static ApiResponse ok(Object body) {
        return json(200, body);
    }

    public static ApiResponse created(Object body) {
        return json(201, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, false);
    }

    public static ApiResponse text(int status, String body) {
        return new ApiResponse(status, body, true);
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }

    public boolean isText() {
        return text;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
