package io.mirrormaestro.api.estate;

import static io.mirrormaestro.api.GitLabFixture.GITLAB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.testing.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The health report's components and summaries, the instance probe, and who may read which path. */
class HealthApiTest extends EstateApiTest {

    @Test
    void reportsComponentsMirrorsAndTokens() {
        JsonNode health = ok("/api/health");

        assertThat(health.path("status").asString()).isIn("healthy", "degraded", "unhealthy");
        assertThat(names(health)).contains("mongodb", "kafka", "workers", "mirrors", "tokens");
        assertThat(component(health, "mongodb").path("status").asString()).isEqualTo("healthy");
        assertThat(component(health, "kafka").path("status").asString()).isEqualTo("healthy");
        assertThat(component(health, "workers").path("status").asString()).isIn("healthy", "degraded", "unknown");
        assertThat(health.path("mirrors").path("total").asLong())
                .isEqualTo(ok("/api/mirrors?page_size=1").path("total").asLong());
        assertThat(health.path("mirrors").path("failed").asLong()).isPositive();
        assertThat(health.path("status").asString()).as("a mirror failed").isNotEqualTo("healthy");
        JsonNode tokens = health.path("tokens");
        assertThat(tokens.path("active").asLong()
                        + tokens.path("expiring_soon").asLong()
                        + tokens.path("expired").asLong()
                        + tokens.path("unknown_expiry").asLong())
                .isEqualTo(tokens.path("total_with_tokens").asLong());
        assertThat(health.path("instances").isNull())
                .as("not probed unless asked")
                .isTrue();
    }

    @Test
    void probesInstancesOnlyWhenAsked() {
        ApiClient.Response registered = api.post(
                "/api/instances",
                "{\"name\":\"health-" + UUID.randomUUID() + "\",\"url\":\"" + GITLAB.url() + "\",\"token\":\""
                        + GITLAB.apiToken + "\"}");
        assertThat(registered.status()).as(registered.text()).isEqualTo(200);
        long id = registered.body().path("id").asLong();

        JsonNode health = ok("/api/health?check_instances=true");

        JsonNode instance = StreamSupport.stream(health.path("instances").spliterator(), false)
                .filter(i -> i.path("id").asLong() == id)
                .findFirst()
                .orElseThrow();
        assertThat(instance.path("status").asString()).isEqualTo("healthy");
        assertThat(instance.path("version").asString()).isNotBlank();
        assertThat(instance.path("latency_ms").isNumber()).isTrue();
        assertThat(names(health)).contains("gitlab_instances");
    }

    @Test
    void theFullHealthNeedsCredentialsTheQuickOneAndActuatorHealthDoNot() throws Exception {
        assertThat(anonymous("/api/health")).isEqualTo(401);
        assertThat(anonymous("/api/health/quick")).as("for load balancers").isEqualTo(200);
        assertThat(anonymous("/api/dashboard/metrics")).isEqualTo(401);
        assertThat(anonymous("/actuator/health")).isEqualTo(200);
        assertThat(new ApiClient(port, "nobody", "wrong").get("/api/health").status())
                .isEqualTo(401);

        JsonNode quick = ok("/api/health/quick");
        assertThat(quick.path("status").asString()).isEqualTo("healthy");
        assertThat(quick.path("timestamp").isString()).isTrue();
    }

    private int anonymous(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static List<String> names(JsonNode health) {
        return StreamSupport.stream(health.path("components").spliterator(), false)
                .map(c -> c.path("name").asString())
                .toList();
    }

    private static JsonNode component(JsonNode health, String name) {
        return StreamSupport.stream(health.path("components").spliterator(), false)
                .filter(c -> c.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
