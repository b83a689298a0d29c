package io.mirrormaestro.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.testing.ApiClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Paths with encoded control characters, slashes or dot segments are refused by Tomcat while parsing or by Spring
 * Security's firewall: either way the answer is a 400 problem, not an HTML page. Sent as raw bytes over a socket,
 * since HTTP clients (and MockMvc) normalise or refuse such paths before they leave.
 */
class PathRejectionTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({
        "/api/pairs/%00, true",
        "/api/pairs/..%2f, true",
        "/api/mirrors/%0a, true",
        "/api/%2e%2e/x, true",
        "/api/pairs/%00, false",
        "/api/mirrors/%0a, false",
        "/api/pairs/a%2fb, false",
        "/api/pairs/%25, true",
        "/api/pairs/a;b, true"
    })
    void aRejectedPathIsAProblem(String path, boolean signedIn) throws Exception {
        RawResponse response = get(path, signedIn);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.header("content-type")).as(response.text()).startsWith("application/problem+json");
        JsonNode problem = ApiClient.JSON.readTree(response.json());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).contains("path is not allowed");
    }

    @Test
    void answersTheApplicationGaveAreLeftAlone() throws Exception {
        RawResponse unauthorized = get("/api/pairs", false);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.text())
                .as("the plain 401 API clients always had")
                .doesNotContain("{");
        RawResponse missing = get("/api/pairs/999999999", true);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).contains("instance pair 999999999 not found");
    }

    private RawResponse get(String path, boolean signedIn) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (signedIn ? "Authorization: " + ApiClient.basic(USER, PASSWORD) + "\r\n" : "")
                    + "Accept: application/json\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new RawResponse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private record RawResponse(String text) {

        int status() {
            return Integer.parseInt(text.split(" ", 3)[1]);
        }

        String header(String name) {
            for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0
                        && line.substring(0, colon)
                                .trim()
                                .toLowerCase(Locale.ROOT)
                                .equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        /** The JSON body (a chunked body's one chunk, or the whole). */
        String json() {
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            return body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
        }
    }
}
