package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The demo estate, seeded through the REST API into a whole system: pairs, group tokens, group defaults and mirrors
 * whose statuses are what the simulated GitLab did, failures with GitLab's own messages included.
 */
class DemoEstateEndToEndTest {

    static DemoSystem demo;
    static ApiClient api;

    @BeforeAll
    static void start() {
        demo = DemoSystem.start(TestSystem.settings(Map.of()));
        api = new ApiClient(demo.port(), DemoSystem.USERNAME, DemoSystem.PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void theEstateHasItsPairsTokensAndGroupDefaults() {
        assertThat(demo.seeded().created()).isTrue();
        assertThat(demo.baseUrl()).isEqualTo("http://127.0.0.1:" + demo.port());

        JsonNode instances = api.get("/api/instances").body();
        assertThat(instances.valueStream().map(i -> i.path("name").asString()))
                .containsExactlyInAnyOrder("gitlab-a", "gitlab-b");
        assertThat(instances.valueStream().map(i -> i.path("gitlab_version").asString()))
                .anySatisfy(v -> assertThat(v).startsWith("17.8"))
                .anySatisfy(v -> assertThat(v).startsWith("17.4"));

        Map<String, String> pairs = api.get("/api/pairs")
                .body()
                .valueStream()
                .collect(Collectors.toMap(p -> p.path("name").asString(), p -> p.path("mirror_direction")
                        .asString()));
        assertThat(pairs)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(DemoSeeding.PUSH_PAIR, "push", DemoSeeding.PULL_PAIR, "pull"));

        JsonNode tokens = api.get("/api/tokens").body();
        assertThat(tokens.size()).isEqualTo(DemoEstate.GROUP_TOKENS.size()).isEqualTo(8);
        JsonNode legacy = only(tokens, t -> t.path("group_path").asString().equals("legacy"));
        assertThat(legacy.path("token_scopes").valueStream().map(JsonNode::asString))
                .containsExactly("read_repository");
        assertThat(only(tokens, t -> t.path("group_path").asString().equals("data"))
                        .path("token_status")
                        .asString())
                .isEqualTo("expiring_soon");

        assertThat(api.get("/api/group-defaults").body().valueStream().map(d -> d.path("group_path")
                        .asString()))
                .containsExactlyInAnyOrder("platform/core", "frontend", "security");
    }

    @Test
    void mostMirrorsSyncedAndGroupDefaultsApply() {
        JsonNode all = api.get("/api/mirrors?page_size=200").body();
        assertThat(all.path("total").asInt())
                .isEqualTo(DemoEstate.PUSHED.size() + DemoEstate.PULLED.size())
                .isBetween(30, 40);
        assertThat(demo.seeded().mirrors()).isEqualTo(all.path("total").asInt());
        assertThat(demo.seeded().finished()).isEqualTo(all.path("total").asInt() - 5);
        assertThat(api.get("/api/mirrors?status=finished").body().path("total").asInt())
                .isEqualTo(demo.seeded().finished());

        JsonNode core = mirror(all, "platform/core/billing");
        assertThat(core.path("effective_mirror_overwrite_diverged").asBoolean()).isTrue();
        assertThat(mirror(all, "frontend/web-app")
                        .path("effective_mirror_branch_regex")
                        .asString())
                .isEqualTo("^(main|release/.+)$");
        JsonNode pulled = mirror(all, "tools/cli");
        assertThat(pulled.path("mirror_direction").asString()).isEqualTo("pull");
        assertThat(pulled.path("last_update_status").asString()).isEqualTo("finished");
        assertThat(demo.estate().gitlab(DemoEstate.B).receivedMirrorUpdates("tools/cli"))
                .as("gitlab-b pulled from gitlab-a")
                .isNotEmpty();
        assertThat(demo.estate().gitlab(DemoEstate.B).receivedMirrorUpdates("platform/core/billing"))
                .as("gitlab-a pushed to gitlab-b")
                .isNotEmpty();
    }

    @Test
    void someMirrorsFailWithGitLabsOwnMessage() {
        JsonNode failed = api.get("/api/mirrors?status=failed").body();

        assertThat(failed.path("mirrors").valueStream().map(m -> m.path("source_project_path")
                        .asString()))
                .containsExactlyInAnyOrder(
                        "legacy/monolith", "legacy/reporting", "legacy/cron-jobs", DemoEstate.ARCHIVED_TARGET);
        assertThat(demo.seeded().failed()).isEqualTo(4);
        JsonNode readOnly = mirror(failed, "legacy/monolith");
        assertThat(readOnly.path("lifecycle").asString()).isEqualTo("active");
        assertThat(readOnly.path("last_update_status").asString()).isEqualTo("failed");
        assertThat(readOnly.path("last_error").asString())
                .contains("You are not allowed to upload code.")
                .doesNotContain("demo-b-legacy-mirror-token");
        assertThat(mirror(failed, DemoEstate.ARCHIVED_TARGET).path("last_error").asString())
                .contains("You can't push code to an archived project.");

        List<JsonNode> commands = api.get(
                        "/api/commands?subject_id=mirror:" + readOnly.path("id").asLong())
                .body()
                .valueStream()
                .toList();
        assertThat(commands.stream().map(c -> c.path("type").asString()))
                .containsExactly("VerifyMirror", "CreateMirror");
        JsonNode create = api.get(
                        "/api/commands/" + commands.get(1).path("command_id").asString())
                .body();
        assertThat(create.path("status").asString()).isEqualTo("succeeded");
        assertThat(create.path("history").valueStream().map(h -> h.path("outcome")
                        .asString()))
                .containsExactly("accepted", "succeeded");
        assertThat(commands.get(0).path("batch_id").isString())
                .as("verified by a batch")
                .isTrue();
    }

    @Test
    void oneMirrorIsDisabled() {
        JsonNode disabled = api.get("/api/mirrors?enabled=false").body();

        assertThat(disabled.path("total").asInt()).isEqualTo(1);
        assertThat(disabled.path("mirrors").get(0).path("source_project_path").asString())
                .isEqualTo(DemoEstate.DISABLED);
        assertThat(demo.seeded().disabled()).isEqualTo(1);
    }

    @Test
    void theVerifyBatchesAreListed() {
        JsonNode batches = api.get("/api/batches?kind=verify").body();

        assertThat(batches.path("total").asInt()).isEqualTo(2);
        assertThat(batches.path("batches").valueStream().map(b -> b.path("status")
                        .asString()))
                .containsOnly("completed");
    }

    @Test
    void seedingAgainChangesNothing() {
        DemoEstate.Seeded again = demo.estate().seed(demo.port(), DemoSystem.USERNAME, DemoSystem.PASSWORD);

        assertThat(again.created()).isFalse();
        assertThat(again.pairs()).isEqualTo(2);
        assertThat(again.instances()).isEqualTo(2);
        assertThat(again.mirrors()).isEqualTo(demo.seeded().mirrors());
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> api.get("/api/mirrors?status=pending")
                                .body()
                                .path("total")
                                .asInt()
                        == 0);
    }

    private static JsonNode mirror(JsonNode page, String sourcePath) {
        return only(
                page.path("mirrors"),
                m -> m.path("source_project_path").asString().equals(sourcePath));
    }

    private static JsonNode only(JsonNode array, java.util.function.Predicate<JsonNode> match) {
        List<JsonNode> found = array.valueStream().filter(match).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
