package io.mirrormaestro.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the REST API with Basic credentials, as a script would use it. */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** Plain HTTP/1.1 (no h2c upgrade attempt) with a bounded wait for every answer: a test never hangs on one. */
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(10))
            .build();

    private static final java.time.Duration ANSWER_TIMEOUT = java.time.Duration.ofSeconds(60);
    public static final String USER = "admin";
    public static final String PASSWORD = "changeme";

    private final String base;
    private final String authorization;

    public ApiClient(int port) {
        this(port, USER, PASSWORD);
    }

    public ApiClient(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = basic(user, password);
    }

    public static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {
        public String text() {
            return raw.body();
        }
    }

    /** A GET is asked once more when no answer came (a connection the server was closing as it was reused). */
    public Response get(String path) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        } catch (UncheckedIOException noAnswer) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A body that is not JSON, e.g. an archive ({@code application/gzip}). */
    public Response post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** Every response this client received, so a test can scan them all (e.g. for a leaked secret). */
    public java.util.List<String> transcript() {
        return java.util.List.copyOf(transcript);
    }

    private final java.util.List<String> transcript = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Response send(HttpRequest.Builder request) {
        try {
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            request.timeout(ANSWER_TIMEOUT);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            transcript.add(response.statusCode() + " " + response.headers().map() + " " + body);
            boolean isJson = response.headers()
                    .firstValue("Content-Type")
                    .map(t -> t.contains("json"))
                    .orElse(false);
            JsonNode json = !isJson || body == null || body.isBlank() ? null : JSON.readTree(body);
            return new Response(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
