package io.mirrormaestro.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.ApiSettingsFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

class SecurityTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void restNeedsCredentialsButHealthDoesNot() throws Exception {
        assertThat(get("/api/instances", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/instances", null).headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(get("/api/instances", basic(USER, "wrong")).statusCode()).isEqualTo(401);
        assertThat(get("/api/instances", basic(USER, PASSWORD)).statusCode()).isEqualTo(200);
        HttpResponse<String> health = get("/actuator/health", basic(USER, PASSWORD));
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/", null).statusCode())
                .as("the UI's page loads and signs in by itself")
                .isEqualTo(200);
    }

    @Test
    void browsersCannotBeMadeToChangeThingsFromAnotherSite() throws Exception {
        String body = "{\"name\":\"\"}";
        assertThat(post(body, "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(post(body, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        HttpResponse<String> sameOrigin = post(body, "Origin", "http://127.0.0.1:" + port);
        assertThat(sameOrigin.statusCode())
                .as("passes the origin check, then fails validation")
                .isEqualTo(422);
        assertThat(post(body, "X-Script", "curl").statusCode())
                .as("scripts send no Origin")
                .isEqualTo(422);
    }

    @Test
    void theWebSocketHandshakeNeedsCredentialsToo() throws Exception {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        assertThatThrownBy(
                        () -> client.connectAsync("ws://127.0.0.1:" + port + "/ws", new StompSessionHandlerAdapter() {})
                                .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("No user name was provided to use for authentication");

        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.add("Authorization", basic(USER, PASSWORD));
        var session = client.connectAsync(
                        "ws://127.0.0.1:" + port + "/ws", headers, new StompSessionHandlerAdapter() {})
                .get(10, TimeUnit.SECONDS);
        assertThat(session.isConnected()).isTrue();
        session.disconnect();
    }

    @Test
    void productionRefusesTheDefaultPassword() {
        ApiSettings settings = ApiSettingsFixture.of(null, null, true, false, SecurityConfiguration.DEFAULT_PASSWORD);

        assertThatThrownBy(() -> SecurityConfiguration.refuseDefaultPasswordInProduction(settings))
                .hasMessageContaining("MM_AUTH_PASSWORD");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String header, String value) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/instances"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basic(USER, PASSWORD))
                        .header(header, value)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
