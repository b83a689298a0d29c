package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.CREATE;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.SimProject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** The worker's {@code /actuator}: Prometheus metrics behind the metrics credential, probes open. */
class WorkerMetricsTest extends MirrorIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCommandRunShowsInTheScrapedMetrics() throws Exception {
        SimProject source = project(A, "upstream", "metrics");
        SimProject target = project(B, "mirror", "metrics");
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);
        succeeded(send(mirror.id(), CREATE));

        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", basic("metrics", "wrong")).statusCode())
                .isEqualTo(401);
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> scrape = get("/actuator/prometheus", basic("metrics", METRICS_PASSWORD));
            assertThat(scrape.statusCode()).isEqualTo(200);
            String body = scrape.body();
            assertThat(value(body, "mm_commands_total", "outcome=\"succeeded\"", "type=\"CreateMirror\""))
                    .isPositive();
            assertThat(value(body, "mm_command_wait_seconds_count", "type=\"CreateMirror\""))
                    .isPositive();
            assertThat(value(
                            body,
                            "mm_command_duration_seconds_count",
                            "outcome=\"succeeded\"",
                            "type=\"CreateMirror\""))
                    .isPositive();
            assertThat(value(
                            body,
                            "mm_gitlab_requests_seconds_count",
                            "endpoint=\"create_push_mirror\"",
                            "gitlab_instance=\"gitlab-a\"",
                            "status=\"2xx\""))
                    .isPositive();
            assertThat(value(body, "mm_gitlab_requests_seconds_sum", "endpoint=\"create_push_mirror\""))
                    .isPositive();
            assertThat(value(body, "mm_gitlab_limit_wait_seconds_count", "gitlab_instance=\"gitlab-a\""))
                    .isPositive();
            assertThat(body)
                    .contains("mm_worker_commands_running")
                    .contains("jobrunr_jobs_by_state")
                    .contains("mm_refresh_budget_per_minute")
                    .contains("kafka_consumer_fetch_manager_records_lag_max");
        });
        // the administrator's credential scrapes too, so one credential serves every service
        assertThat(get("/actuator/prometheus", basic("admin", "changeme")).statusCode())
                .isEqualTo(200);
        assertThat(get("/anything-else", basic("metrics", METRICS_PASSWORD)).statusCode())
                .isIn(401, 403);
    }

    @Test
    void aRetryableGitLabFailureCountsAsRetryScheduled() throws Exception {
        SimProject source = project(A, "upstream", "metrics-retry");
        SimProject target = project(B, "mirror", "metrics-retry");
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);
        A.faults().failNext("POST", "/projects/" + source.id() + "/remote_mirrors", 1, 502);
        succeeded(send(mirror.id(), CREATE));

        await().atMost(WAIT).untilAsserted(() -> {
            String body = get("/actuator/prometheus", basic("metrics", METRICS_PASSWORD))
                    .body();
            assertThat(value(body, "mm_command_retries_scheduled_total", "type=\"CreateMirror\""))
                    .isPositive();
            assertThat(value(body, "mm_commands_total", "outcome=\"retry_scheduled\"", "type=\"CreateMirror\""))
                    .isPositive();
            assertThat(value(
                            body,
                            "mm_gitlab_requests_seconds_count",
                            "endpoint=\"create_push_mirror\"",
                            "gitlab_instance=\"gitlab-a\"",
                            "status=\"502\""))
                    .isPositive();
        });
    }

    @Test
    void probesAnswerWithoutCredentials() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> readiness = get("/actuator/health/readiness", null);
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");
        });
        HttpResponse<String> liveness = get("/actuator/health/liveness", null);
        assertThat(liveness.statusCode()).isEqualTo(200);
        HttpResponse<String> details = get("/actuator/health/readiness", basic("admin", "changeme"));
        assertThat(details.body()).contains("\"mongo\"").contains("\"kafka\"").contains("readinessState");
    }

    @Test
    void onShutdownTheCommandConsumersFinishTheirPollWithinTheShutdownTimeout() {
        assertThat(listeners.getListenerContainers()).isNotEmpty().allSatisfy(container -> assertThat(
                        container.getContainerProperties().getShutdownTimeout())
                .isEqualTo(30_000));
    }

    /** The first sample of {@code name} whose labels contain all of {@code labels}; 0 when none. */
    static double value(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$")
                .matcher(scrape);
        while (m.find()) {
            String found = m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
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

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
