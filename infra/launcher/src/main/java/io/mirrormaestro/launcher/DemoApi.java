package io.mirrormaestro.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API as the demo seeding uses it: JSON in and out, with Basic credentials, as any script would. */
final class DemoApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, JsonNode body, String text) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    DemoApi(int port, String username, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode get(String path) {
        return expect(send(HttpRequest.newBuilder(URI.create(base + path)).GET()), Set.of(200), "GET " + path);
    }

    /** Posts {@code body} (a map or record, written as JSON) and expects 200 or 202. */
    JsonNode post(String path, Object body) {
        return expect(post(path, body, Set.of(200, 202)), Set.of(200, 202), "POST " + path);
    }

    /** Posts and returns the answer when its status is one of {@code accepted}; any other is an error. */
    Answer post(String path, Object body, Set<Integer> accepted) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        expect(answer, accepted, "POST " + path);
        return answer;
    }

    private static JsonNode expect(Answer answer, Set<Integer> statuses, String what) {
        if (!statuses.contains(answer.status())) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.body();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(
                    request.header("Authorization", authorization)
                            .header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            boolean json = response.headers()
                    .firstValue("Content-Type")
                    .map(t -> t.contains("json"))
                    .orElse(false);
            return new Answer(response.statusCode(), json && !text.isBlank() ? JSON.readTree(text) : null, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach api-service at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
