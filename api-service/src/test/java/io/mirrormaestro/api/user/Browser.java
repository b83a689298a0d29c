package io.mirrormaestro.api.user;

import io.mirrormaestro.testing.ApiClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An HTTP client that keeps cookies like a browser (the session) and sends the headers a UI request sends; without
 * {@link #authorization} it relies on the session only.
 */
final class Browser {

    private final int port;
    private final HttpClient http;
    final Map<String, String> headers = new LinkedHashMap<>();

    Browser(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        headers.put("X-Requested-With", "XMLHttpRequest");
        headers.put("Accept", "application/json, application/problem+json");
    }

    Browser authorization(String value) {
        headers.put("Authorization", value);
        return this;
    }

    Browser basic(String user, String password) {
        return authorization(ApiClient.basic(user, password));
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, String json) {
        return send("POST", path, json);
    }

    Answer put(String path, String json) {
        return send("PUT", path, json);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    Answer send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode node = body == null
                            || body.isBlank()
                            || !response.headers()
                                    .firstValue("Content-Type")
                                    .orElse("")
                                    .contains("json")
                    ? null
                    : ApiClient.JSON.readTree(body);
            return new Answer(response.statusCode(), node, response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
