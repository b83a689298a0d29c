package io.mirrormaestro.faults;

import io.mirrormaestro.testing.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * HTTP as the suite's clients speak it: every request has a timeout (a service under a fault must answer or fail,
 * never hang the suite), and every answer says how long it took. {@link #raw} sends bytes on a socket, for requests
 * no HTTP client would send.
 */
final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    Http(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = user == null ? null : ApiClient.basic(user, password);
    }

    /**
     * One answer. {@code status} 0 means no answer came (refused, reset, timed out); {@code error} then says why.
     */
    record Answer(int status, Map<String, java.util.List<String>> headers, String body, long millis, String error) {

        String contentType() {
            return headers.getOrDefault("content-type", java.util.List.of("")).get(0);
        }

        boolean problem() {
            return contentType().startsWith("application/problem+json");
        }

        JsonNode json() {
            return body == null || body.isBlank() ? ApiClient.JSON.missingNode() : ApiClient.JSON.readTree(body);
        }
    }

    Answer get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    Answer post(String path, String json) {
        return send("POST", path, json, "application/json", Map.of());
    }

    Answer put(String path, String json) {
        return send("PUT", path, json, "application/json", Map.of());
    }

    Answer delete(String path) {
        return send("DELETE", path, null, null, Map.of());
    }

    Answer send(String method, String path, String body, String contentType, Map<String, String> headers) {
        long start = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(TIMEOUT)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(), response.headers().map(), response.body(), millisSince(start), null);
        } catch (IOException e) {
            return new Answer(0, Map.of(), null, millisSince(start), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, Map.of(), null, millisSince(start), e.toString());
        }
    }

    /** Sends {@code request} as it is on a fresh connection and returns the status line and headers answered. */
    static String raw(int port, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
