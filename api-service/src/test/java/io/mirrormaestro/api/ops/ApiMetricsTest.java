package io.mirrormaestro.api.ops;

import static io.mirrormaestro.api.GitLabFixture.GITLAB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.testing.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** api-service's {@code /actuator}: Prometheus metrics behind credentials, the metrics user limited to them. */
class ApiMetricsTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void acceptedCommandsAndOpenSessionsShowInTheScrape() throws Exception {
        ApiClient api = new ApiClient(port, USER, PASSWORD);
        ApiClient.Response instance = api.post(
                "/api/instances",
                "{\"name\":\"metrics-" + UUID.randomUUID() + "\",\"url\":\"" + GITLAB.url() + "\",\"token\":\""
                        + GITLAB.apiToken + "\"}");
        assertThat(instance.status()).as(instance.text()).isEqualTo(200);
        ApiClient.Response check =
                api.post("/api/instances/" + instance.body().path("id").asLong() + "/check", "{}");
        assertThat(check.status()).as(check.text()).isEqualTo(202);

        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.add("Authorization", ApiClient.basic(USER, PASSWORD));
        StompSession session = client.connectAsync(
                        "ws://127.0.0.1:" + port + "/ws", headers, new StompSessionHandlerAdapter() {})
                .get(10, TimeUnit.SECONDS);
        try {
            assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> scrape = get("/actuator/prometheus", ApiClient.basic("metrics", METRICS_PASSWORD));
                assertThat(scrape.statusCode()).isEqualTo(200);
                String body = scrape.body();
                assertThat(value(body, "mm_commands_accepted_total", "type=\"CheckInstance\""))
                        .isPositive();
                assertThat(value(body, "mm_websocket_sessions")).isPositive();
                assertThat(body)
                        .contains("mm_outbox_backlog")
                        .contains("mm_batches_running")
                        .contains("kafka_consumer_fetch_manager_records_lag_max")
                        .contains("mongodb_driver_commands_seconds")
                        // not observed filter by filter: 7 % of the request threads' CPU samples under load (#14)
                        .doesNotContain("spring_security_filterchains");
                assertThat(value(body, "http_server_requests_seconds_count", "uri=\"/api/instances\""))
                        .isPositive();
            });
        } finally {
            session.disconnect();
        }
        assertThat(get("/actuator/prometheus", ApiClient.basic(USER, PASSWORD)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theMetricsUserReadsMetricsAndNothingElse() throws Exception {
        String metrics = ApiClient.basic("metrics", METRICS_PASSWORD);
        assertThat(get("/api/instances", metrics).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", ApiClient.basic("metrics", "wrong"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(get("/actuator/prometheus", metrics).statusCode()).isEqualTo(200);
    }

    @Test
    void livenessAndReadinessAnswerWithoutCredentials() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> readiness = get("/actuator/health/readiness", null);
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        });
        HttpResponse<String> details = get("/actuator/health/readiness", ApiClient.basic(USER, PASSWORD));
        assertThat(details.body())
                .contains("\"mongo\"")
                .contains("\"kafka\"")
                .contains("\"workers\"")
                .contains("readinessState");
    }

    /** The first sample of {@code name} whose labels contain all of {@code labels}; 0 when none. */
    static double value(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$")
                .matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
