package io.mirrormaestro.api.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The topology and its drill-down over a seeded estate: counts, health, staleness, worst-first order, paging. */
class TopologyApiTest extends EstateApiTest {

    @Test
    void linksRunFromSourceToTargetForPushAndPullWithTheirHealth() {
        JsonNode graph = ok("/api/topology");

        JsonNode push = link(graph, estate.a.id(), estate.b.id(), "push");
        assertThat(push.path("mirror_count").asLong()).isEqualTo(6);
        assertThat(push.path("enabled_count").asLong()).isEqualTo(5);
        assertThat(push.path("disabled_count").asLong()).isEqualTo(1);
        assertThat(push.path("pair_count").asLong()).isEqualTo(1);
        assertThat(counts(push))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("finished", 3L, "failed", 1L, "scheduled", 1L, "unknown", 1L));
        assertThat(push.path("never_succeeded_count").asLong()).isEqualTo(1);
        assertThat(push.path("health").asString()).isEqualTo("error");
        assertThat(push.path("staleness").asString())
                .as("newest success 30 min ago")
                .isEqualTo("ok");
        assertThat(push.path("staleness_age_seconds").asLong()).isBetween(1790L, 1900L);

        JsonNode pull = link(graph, estate.a.id(), estate.b.id(), "pull");
        assertThat(pull.path("mirror_count").asLong()).isEqualTo(2);
        assertThat(counts(pull)).containsExactlyInAnyOrderEntriesOf(Map.of("finished", 1L, "none", 1L));
        assertThat(pull.path("health").asString()).isEqualTo("ok");
        assertThat(pull.path("never_succeeded_count").asLong()).isEqualTo(1);

        JsonNode back = link(graph, estate.b.id(), estate.a.id(), "push");
        assertThat(back.path("staleness").asString()).as("all never succeeded").isEqualTo("warning");
        assertThat(back.path("staleness_age_seconds").isNull()).isTrue();
        assertThat(back.path("health").asString()).isEqualTo("warning");
        assertThat(back.path("last_successful_update").isNull()).isTrue();

        JsonNode strict = ok("/api/topology?never_succeeded_level=error");
        assertThat(link(strict, estate.b.id(), estate.a.id(), "push")
                        .path("health")
                        .asString())
                .isEqualTo("error");
        assertThat(link(strict, estate.a.id(), estate.b.id(), "pull")
                        .path("health")
                        .asString())
                .as("only some never succeeded")
                .isEqualTo("ok");
    }

    @Test
    void nodesCountMirrorsAndPairsEachWay() {
        JsonNode graph = ok("/api/topology");

        JsonNode a = node(graph, estate.a.id());
        assertThat(a.path("mirrors_out").asLong()).isEqualTo(8);
        assertThat(a.path("mirrors_in").asLong()).isEqualTo(1);
        assertThat(a.path("pairs_out").asLong()).isEqualTo(2);
        assertThat(a.path("pairs_in").asLong()).isEqualTo(1);
        assertThat(a.path("never_succeeded_count").asLong()).isEqualTo(3);
        assertThat(a.path("health").asString()).isEqualTo("error");
        assertThat(a.path("name").asString()).isEqualTo(estate.a.name());
        assertThat(a.path("description").asString()).isEqualTo(estate.a.description());
        JsonNode b = node(graph, estate.b.id());
        assertThat(b.path("mirrors_in").asLong()).isEqualTo(8);
        assertThat(b.path("mirrors_out").asLong()).isEqualTo(1);

        JsonNode c = node(graph, estate.c.id());
        assertThat(c.path("mirrors_in").asLong() + c.path("mirrors_out").asLong())
                .isZero();
        assertThat(c.path("health").asString()).isEqualTo("unknown");
        assertThat(c.path("staleness").asString()).isEqualTo("unknown");
        assertThat(c.path("status_counts").isEmpty()).isTrue();

        JsonNode onlyPull = ok("/api/topology?instance_pair_id=" + estate.pull.id());
        assertThat(links(onlyPull, estate.a.id())).hasSize(1);
        assertThat(node(onlyPull, estate.a.id()).path("pairs_out").asLong()).isEqualTo(1);
        assertThat(node(onlyPull, estate.a.id()).path("mirrors_out").asLong()).isEqualTo(2);
    }

    @Test
    void thresholdsDecideStalenessAndTheErrorThresholdIsRaisedToTheWarningOne() {
        // newest success of the push link: 30 minutes ago
        String link = "/api/topology?stale_warning_seconds=600&stale_error_seconds=60";
        JsonNode raised = link(ok(link), estate.a.id(), estate.b.id(), "push");
        assertThat(raised.path("staleness").asString())
                .as("error raised to 600 s")
                .isEqualTo("error");

        JsonNode warned = link(
                ok("/api/topology?stale_warning_seconds=600&stale_error_seconds=7200"),
                estate.a.id(),
                estate.b.id(),
                "pull");
        assertThat(warned.path("staleness").asString()).isEqualTo("warning");
        assertThat(warned.path("health").asString()).isEqualTo("warning");
    }

    @Test
    void linkMirrorsAreWorstFirstPagedAndAgreeWithTheLinkCount() {
        String filter = "source_instance_id=" + estate.a.id() + "&target_instance_id=" + estate.b.id()
                + "&mirror_direction=push";
        JsonNode all = ok("/api/topology/link-mirrors?" + filter);

        assertThat(all.path("total").asLong())
                .isEqualTo(link(ok("/api/topology"), estate.a.id(), estate.b.id(), "push")
                        .path("mirror_count")
                        .asLong());
        assertThat(ids(all))
                .containsExactly(
                        estate.staleError,
                        estate.failed,
                        estate.disabledNever,
                        estate.staleWarning,
                        estate.scheduled,
                        estate.ok);
        JsonNode first = all.path("mirrors").get(0);
        assertThat(first.path("health").asString()).isEqualTo("error");
        assertThat(first.path("staleness").asString()).isEqualTo("error");
        assertThat(first.path("instance_pair_name").asString()).isEqualTo(estate.push.name());
        JsonNode never = all.path("mirrors").get(2);
        assertThat(never.path("never_succeeded").asBoolean()).isTrue();
        assertThat(never.path("staleness").asString()).isEqualTo("warning");
        assertThat(never.path("enabled").asBoolean()).isFalse();
        assertThat(all.path("mirrors").get(5).path("health").asString()).isEqualTo("ok");

        JsonNode page = ok("/api/topology/link-mirrors?" + filter + "&limit=2&offset=2");
        assertThat(page.path("total").asLong()).isEqualTo(6);
        assertThat(ids(page)).containsExactly(estate.disabledNever, estate.staleWarning);

        JsonNode enabledOnly = ok("/api/topology/link-mirrors?" + filter + "&include_disabled=false");
        assertThat(enabledOnly.path("total").asLong()).isEqualTo(5);
        assertThat(ids(enabledOnly)).doesNotContain(estate.disabledNever);

        JsonNode strict = ok("/api/topology/link-mirrors?" + filter + "&never_succeeded_level=error");
        assertThat(ids(strict).subList(0, 3))
                .as("never succeeded sorts first among errors")
                .containsExactly(estate.disabledNever, estate.staleError, estate.failed);

        JsonNode pull = ok("/api/topology/link-mirrors?source_instance_id=" + estate.a.id() + "&target_instance_id="
                + estate.b.id() + "&mirror_direction=pull");
        assertThat(ids(pull)).containsExactly(estate.pullNever, estate.pullOk);
    }

    private static List<Long> ids(JsonNode page) {
        return StreamSupport.stream(page.path("mirrors").spliterator(), false)
                .map(m -> m.path("id").asLong())
                .toList();
    }

    private static Map<String, Long> counts(JsonNode item) {
        Map<String, Long> counts = new java.util.HashMap<>();
        item.path("status_counts")
                .properties()
                .forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static JsonNode node(JsonNode graph, long id) {
        return StreamSupport.stream(graph.path("nodes").spliterator(), false)
                .filter(n -> n.path("id").asLong() == id)
                .findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> links(JsonNode graph, long instance) {
        return StreamSupport.stream(graph.path("links").spliterator(), false)
                .filter(l -> l.path("source").asLong() == instance
                        || l.path("target").asLong() == instance)
                .toList();
    }

    private static JsonNode link(JsonNode graph, long source, long target, String direction) {
        return StreamSupport.stream(graph.path("links").spliterator(), false)
                .filter(l -> l.path("source").asLong() == source
                        && l.path("target").asLong() == target
                        && l.path("mirror_direction").asString().equals(direction))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no link " + source + "→" + target + " " + direction));
    }
}
