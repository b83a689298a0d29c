package io.mirrormaestro.api.estate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.testing.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Every field the original tool returns from its read endpoints is there with the right JSON type, and bad query
 * parameters are 422 problem+json naming the parameter.
 */
class ReadContractTest extends EstateApiTest {

    enum T {
        NUMBER,
        STRING,
        BOOLEAN,
        OBJECT,
        ARRAY,
        STRING_OR_NULL,
        NUMBER_OR_NULL
    }

    @Test
    void dashboardFields() {
        JsonNode m = ok("/api/dashboard/metrics");
        has(
                m,
                Map.of(
                        "summary", T.OBJECT,
                        "health", T.OBJECT,
                        "status_freshness", T.OBJECT,
                        "recent_activity", T.ARRAY,
                        "mirrors_by_pair", T.ARRAY));
        has(
                m.path("summary"),
                Map.of(
                        "total_mirrors", T.NUMBER,
                        "total_pairs", T.NUMBER,
                        "total_instances", T.NUMBER,
                        "enabled_mirrors", T.NUMBER,
                        "health_percentage", T.NUMBER));
        has(
                m.path("health"),
                Map.of("success", T.NUMBER, "failed", T.NUMBER, "pending", T.NUMBER, "unknown", T.NUMBER));
        has(
                m.path("status_freshness"),
                Map.of(
                        "fresh_count", T.NUMBER,
                        "stale_count", T.NUMBER,
                        "oldest_update", T.STRING_OR_NULL,
                        "newest_update", T.STRING_OR_NULL,
                        "auto_refresh", T.OBJECT));
        has(
                m.path("recent_activity").get(0),
                Map.of(
                        "id", T.NUMBER,
                        "project", T.STRING,
                        "activity_type", T.STRING,
                        "icon", T.STRING,
                        "time_ago", T.STRING,
                        "status", T.STRING,
                        "timestamp", T.STRING));
        has(m.path("mirrors_by_pair").get(0), Map.of("pair_id", T.NUMBER, "pair_name", T.STRING, "count", T.NUMBER));
        has(
                m,
                Map.of(
                        "pairs",
                        T.ARRAY,
                        "instances",
                        T.ARRAY,
                        "failing_mirrors",
                        T.ARRAY,
                        "sync_outcomes_24h",
                        T.ARRAY));
        has(
                ok("/api/dashboard/quick-stats"),
                Map.of(
                        "syncing_count", T.NUMBER,
                        "recent_failures", T.NUMBER,
                        "syncing_mirror_ids", T.ARRAY,
                        "timestamp", T.STRING));
    }

    @Test
    void topologyFields() {
        JsonNode graph = ok("/api/topology");
        Map<String, T> shared = Map.of(
                "status_counts", T.OBJECT,
                "last_successful_update", T.STRING_OR_NULL,
                "health", T.STRING,
                "staleness", T.STRING,
                "staleness_age_seconds", T.NUMBER_OR_NULL,
                "never_succeeded_count", T.NUMBER);
        JsonNode node = graph.path("nodes").get(0);
        has(node, shared);
        has(
                node,
                Map.of(
                        "id", T.NUMBER,
                        "name", T.STRING,
                        "url", T.STRING,
                        "mirrors_in", T.NUMBER,
                        "mirrors_out", T.NUMBER,
                        "pairs_in", T.NUMBER,
                        "pairs_out", T.NUMBER));
        assertThat(node.has("description")).isTrue();
        JsonNode link = graph.path("links").get(0);
        has(link, shared);
        has(
                link,
                Map.of(
                        "source", T.NUMBER,
                        "target", T.NUMBER,
                        "mirror_direction", T.STRING,
                        "mirror_count", T.NUMBER,
                        "enabled_count", T.NUMBER,
                        "disabled_count", T.NUMBER,
                        "pair_count", T.NUMBER));
        JsonNode drill = ok("/api/topology/link-mirrors?source_instance_id=" + estate.a.id());
        has(drill, Map.of("total", T.NUMBER, "mirrors", T.ARRAY));
        JsonNode mirror = drill.path("mirrors").get(0);
        has(
                mirror,
                Map.of(
                        "id", T.NUMBER,
                        "instance_pair_id", T.NUMBER,
                        "instance_pair_name", T.STRING,
                        "source_project_path", T.STRING,
                        "target_project_path", T.STRING,
                        "mirror_direction", T.STRING,
                        "enabled", T.BOOLEAN,
                        "last_update_status", T.STRING_OR_NULL,
                        "last_successful_update", T.STRING_OR_NULL,
                        "never_succeeded", T.BOOLEAN));
        has(mirror, Map.of("staleness", T.STRING, "staleness_age_seconds", T.NUMBER_OR_NULL, "health", T.STRING));
    }

    @Test
    void searchAndHealthFields() {
        JsonNode found = ok("/api/search?q=" + estate.tag);
        has(
                found,
                Map.of(
                        "query", T.STRING,
                        "total_count", T.NUMBER,
                        "instances", T.ARRAY,
                        "pairs", T.ARRAY,
                        "mirrors", T.ARRAY));
        has(
                found.path("mirrors").get(0),
                Map.of("type", T.STRING, "id", T.NUMBER, "title", T.STRING, "subtitle", T.STRING, "url", T.STRING));

        JsonNode health = ok("/api/health");
        has(
                health,
                Map.of(
                        "status", T.STRING,
                        "timestamp", T.STRING,
                        "version", T.STRING,
                        "components", T.ARRAY,
                        "mirrors", T.OBJECT,
                        "tokens", T.OBJECT));
        has(health.path("components").get(0), Map.of("name", T.STRING, "status", T.STRING, "message", T.STRING));
        has(
                health.path("mirrors"),
                Map.of(
                        "total", T.NUMBER,
                        "enabled", T.NUMBER,
                        "disabled", T.NUMBER,
                        "success", T.NUMBER,
                        "failed", T.NUMBER,
                        "pending", T.NUMBER,
                        "unknown", T.NUMBER,
                        "health_percentage", T.NUMBER));
        has(
                health.path("tokens"),
                Map.of(
                        "total_with_tokens",
                        T.NUMBER,
                        "active",
                        T.NUMBER,
                        "expiring_soon",
                        T.NUMBER,
                        "expired",
                        T.NUMBER));
        has(ok("/api/health/quick"), Map.of("status", T.STRING, "timestamp", T.STRING));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/api/topology?stale_warning_seconds=abc, stale_warning_seconds",
        "/api/topology?stale_error_seconds=-1, stale_error_seconds",
        "/api/topology?stale_warning_seconds=-5, stale_warning_seconds",
        "/api/topology?never_succeeded_level=fatal, never_succeeded_level",
        "/api/topology?instance_pair_id=x, instance_pair_id",
        "/api/topology/link-mirrors?limit=0, limit",
        "/api/topology/link-mirrors?limit=501, limit",
        "/api/topology/link-mirrors?limit=ten, limit",
        "/api/topology/link-mirrors?offset=-1, offset",
        "/api/topology/link-mirrors?mirror_direction=sideways, mirror_direction",
        "/api/topology/link-mirrors?include_disabled=maybe, include_disabled",
        "/api/topology/link-mirrors?source_instance_id=1.5, source_instance_id",
        "/api/topology/link-mirrors?stale_error_seconds=-1, stale_error_seconds",
        "/api/topology/link-mirrors?never_succeeded_level=fatal, never_succeeded_level",
        "/api/search?q=, q",
        "/api/search, q",
        "/api/search?q=%20, q",
        "/api/search?q=a&limit=51, limit",
        "/api/search?q=a&limit=0, limit",
        "/api/health?check_instances=perhaps, check_instances"
    })
    void badParametersAre422NamingThem(String path, String parameter) {
        ApiClient.Response response = api.get(path);

        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(response.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(response.body().path("errors").get(0).path("field").asString())
                .isEqualTo(parameter);
    }

    private static void has(JsonNode object, Map<String, T> fields) {
        fields.forEach((field, type) -> {
            assertThat(object.has(field)).as("field " + field + " in " + object).isTrue();
            JsonNode v = object.get(field);
            boolean right =
                    switch (type) {
                        case NUMBER -> v.isNumber();
                        case STRING -> v.isString();
                        case BOOLEAN -> v.isBoolean();
                        case OBJECT -> v.isObject();
                        case ARRAY -> v.isArray();
                        case STRING_OR_NULL -> v.isString() || v.isNull();
                        case NUMBER_OR_NULL -> v.isNumber() || v.isNull();
                    };
            assertThat(right).as(field + " should be " + type + " but is " + v).isTrue();
        });
    }
}
