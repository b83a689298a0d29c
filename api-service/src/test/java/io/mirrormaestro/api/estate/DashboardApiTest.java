package io.mirrormaestro.api.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dashboard over a seeded estate: its numbers agree with the mirror list and count what the estate holds. */
class DashboardApiTest extends EstateApiTest {

    @Test
    void totalsAgreeWithTheMirrorList() {
        JsonNode metrics = ok("/api/dashboard/metrics");
        JsonNode summary = metrics.path("summary");
        JsonNode health = metrics.path("health");

        assertThat(summary.path("total_mirrors").asLong())
                .isEqualTo(ok("/api/mirrors?page_size=1").path("total").asLong());
        assertThat(summary.path("enabled_mirrors").asLong())
                .isEqualTo(ok("/api/mirrors?page_size=1&enabled=true")
                        .path("total")
                        .asLong());
        assertThat(summary.path("total_pairs").asLong())
                .isEqualTo(ok("/api/pairs").size());
        assertThat(summary.path("total_instances").asLong())
                .isEqualTo(ok("/api/instances").size());
        assertThat(health.path("success").asLong()
                        + health.path("failed").asLong()
                        + health.path("pending").asLong()
                        + health.path("unknown").asLong())
                .isEqualTo(summary.path("total_mirrors").asLong());
        assertThat(health.path("failed").asLong())
                .as("GitLab's failures; the failing list adds failed creations")
                .isLessThanOrEqualTo(metrics.path("failing_total").asLong());
        assertThat(metrics.path("failing_total").asLong())
                .isEqualTo(ok("/api/mirrors?page_size=1&status=failed")
                        .path("total")
                        .asLong());
        JsonNode freshness = metrics.path("status_freshness");
        assertThat(freshness.path("fresh_count").asLong()
                        + freshness.path("stale_count").asLong())
                .isEqualTo(summary.path("total_mirrors").asLong());
        assertThat(freshness.path("auto_refresh").path("enabled").asBoolean()).isFalse();
    }

    @Test
    void perPairAndPerInstanceCountsAndTheFailingMirrors() {
        JsonNode metrics = ok("/api/dashboard/metrics");

        JsonNode push = find(metrics.path("pairs"), "pair_id", estate.push.id());
        assertThat(push.path("total").asLong()).isEqualTo(6);
        assertThat(push.path("enabled").asLong()).isEqualTo(5);
        assertThat(push.path("success").asLong()).isEqualTo(3);
        assertThat(push.path("failed").asLong()).isEqualTo(1);
        assertThat(push.path("pending").asLong()).isEqualTo(1);
        assertThat(push.path("unknown").asLong()).isEqualTo(1);
        assertThat(push.path("health_percentage").asDouble()).isEqualTo(50.0);
        assertThat(push.path("pair_name").asString()).isEqualTo(estate.push.name());
        JsonNode pull = find(metrics.path("pairs"), "pair_id", estate.pull.id());
        assertThat(pull.path("unknown").asLong())
                .as("GitLab's 'none' is no status yet")
                .isEqualTo(1);

        JsonNode a = find(metrics.path("instances"), "id", estate.a.id());
        assertThat(a.path("mirrors_out").asLong()).isEqualTo(8);
        assertThat(a.path("mirrors_in").asLong()).isEqualTo(1);
        assertThat(a.path("pairs_out").asLong()).isEqualTo(2);
        assertThat(a.path("pairs_in").asLong()).isEqualTo(1);

        JsonNode failing = find(metrics.path("failing_mirrors"), "id", estate.failed);
        assertThat(failing.path("last_error").asString()).isEqualTo("boom");
        assertThat(failing.path("source_project_path").asString()).isEqualTo(estate.path("failed"));
        assertThat(metrics.path("failing_mirrors").size()).isLessThanOrEqualTo(10);

        JsonNode byPair = metrics.path("mirrors_by_pair");
        assertThat(byPair.size()).isLessThanOrEqualTo(5);
        List<Long> counts = StreamSupport.stream(byPair.spliterator(), false)
                .map(p -> p.path("count").asLong())
                .toList();
        assertThat(counts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void recentActivityAndHourlyOutcomesComeFromTheActivityLog() {
        JsonNode metrics = ok("/api/dashboard/metrics");

        JsonNode synced = find(metrics.path("recent_activity"), "id", estate.ok);
        assertThat(synced.path("activity_type").asString()).isEqualTo("synced");
        assertThat(synced.path("icon").asString()).isEqualTo("✓");
        assertThat(synced.path("project").asString()).isEqualTo(estate.path("ok"));
        assertThat(synced.path("status").asString()).isEqualTo("succeeded");
        assertThat(synced.path("time_ago").asString()).matches("\\d+[smhd]");
        JsonNode failed = find(metrics.path("recent_activity"), "id", estate.failed);
        assertThat(failed.path("activity_type").asString()).isEqualTo("failed");
        JsonNode imported = find(metrics.path("recent_activity"), "id", estate.pullOk);
        assertThat(imported.path("activity_type").asString())
                .as("an import line creates")
                .isEqualTo("created");

        JsonNode hours = metrics.path("sync_outcomes_24h");
        assertThat(hours.size()).isEqualTo(24);
        JsonNode current = hours.get(23);
        assertThat(current.path("succeeded").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(current.path("failed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.path("sync_outcomes_source").asString()).isEqualTo("activity_log");
    }

    @Test
    void quickStatsNameTheMirrorsSyncingNow() {
        JsonNode quick = ok("/api/dashboard/quick-stats");

        List<Long> syncing = StreamSupport.stream(
                        quick.path("syncing_mirror_ids").spliterator(), false)
                .map(JsonNode::asLong)
                .toList();
        assertThat(syncing).contains(estate.scheduled).doesNotContain(estate.ok, estate.failed);
        assertThat(quick.path("syncing_count").asLong()).isEqualTo(syncing.size());
        assertThat(quick.path("recent_failures").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(quick.path("timestamp").isString()).isTrue();
    }

    private static JsonNode find(JsonNode array, String field, long value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(n -> n.path(field).asLong() == value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + "=" + value + " in " + array));
    }
}
