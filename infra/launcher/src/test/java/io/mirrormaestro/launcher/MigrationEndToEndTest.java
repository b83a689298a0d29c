package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.testing.OriginalBackupFixture;
import io.mirrormaestro.testing.OriginalBackupFixture.OriginalGitLab;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Moving over from the original tool through the whole system, with the backup the original wrote and the GitLab it
 * belongs to ({@link OriginalBackupFixture}): the 40 GitLab push mirrors are adopted (no remote mirror created), a
 * migrated mirror syncs with its own project access token, and one batch action moves all of them to group tokens
 * (each GitLab mirror replaced by one with the group token), after which the project tokens are no longer needed.
 */
class MigrationEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    static GitLabSimulator simulator;
    static OriginalGitLab gitlab;
    static MirrorMaestroSystem system;
    static ApiClient api;

    @BeforeAll
    static void start() {
        simulator = GitLabSimulator.create();
        gitlab = OriginalBackupFixture.standUp(simulator);
        system = TestSystem.start(Map.of());
        api = new ApiClient(system.apiPort());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void theOriginalsMirrorsAreAdoptedSyncWithTheirProjectTokensAndMoveToGroupTokensInOneBatch() {
        SimulatedInstance a = gitlab.a();
        SimulatedInstance b = gitlab.b();
        StringBuilder query = new StringBuilder();
        gitlab.instanceUrlParameters()
                .forEach(p -> query.append("&instance_url=").append(URLEncoder.encode(p, StandardCharsets.UTF_8)));

        ApiClient.Response moved = api.post(
                "/api/migrate/original?" + query.substring(1), "application/gzip", OriginalBackupFixture.archive());

        assertThat(moved.status()).as(moved.text()).isEqualTo(201);
        assertThat(moved.body().at("/summary/instances/create").asLong()).isEqualTo(2);
        assertThat(moved.body().at("/summary/pairs/create").asLong()).isEqualTo(1);
        assertThat(moved.body().at("/summary/mirrors/adopt").asLong()).isEqualTo(40);
        assertThat(a.requestLog().stream().filter(e -> e.method().equals("POST")))
                .isEmpty();
        long pair = moved.body().at("/pairs/0/id").asLong();
        long targetInstance = moved.body().at("/instances/1/id").asLong();
        JsonNode first = mirrorOf(moved.body(), "platform/core/proj-0001");
        long mirrorId = first.path("id").asLong();
        assertThat(first.path("gitlab_mirror_id").asLong()).isEqualTo(5000);
        JsonNode listed = api.get("/api/mirrors?instance_pair_id=" + pair + "&page_size=100")
                .body();
        assertThat(listed.toString()).contains("platform/core/proj-0001");

        // a sync of a migrated mirror: GitLab pushes with the project access token its URL holds
        int before = b.receivedMirrorUpdates("platform/core/proj-0001").size();
        awaitCommand(api.post("/api/mirrors/" + mirrorId + "/update", "")
                .body()
                .path("command_id")
                .asString());
        await().atMost(WAIT)
                .until(() -> b.receivedMirrorUpdates("platform/core/proj-0001").size() > before);
        assertThat(a.pushMirrors("platform/core/proj-0001").get(0).updateStatus())
                .isEqualTo("finished");
        assertThat(a.requestLog().stream()
                        .filter(e -> e.method().equals("POST") && e.path().endsWith("/remote_mirrors")))
                .isEmpty();

        // one batch action moves every mirror with its own token to the group tokens of B's platform and data groups
        for (Map.Entry<String, String> token : gitlab.groupTokensOnB().entrySet()) {
            assertThat(api.post(
                                    "/api/tokens",
                                    "{\"gitlab_instance_id\":" + targetInstance + ",\"group_path\":\""
                                            + token.getKey() + "\",\"token_name\":\"bench-" + token.getKey()
                                            + "\",\"token\":\""
                                            + token.getValue() + "\"}")
                            .status())
                    .isBetween(200, 201);
        }
        assertThat(api.get("/api/migrate/original/own-tokens")
                        .body()
                        .path("total")
                        .asLong())
                .isEqualTo(40);
        ApiClient.Response batch = api.post("/api/migrate/original/group-tokens", "{}");
        assertThat(batch.status()).as(batch.text()).isEqualTo(202);
        assertThat(batch.body().path("total").asInt()).isEqualTo(40);
        JsonNode done = await().atMost(WAIT)
                .until(
                        () -> api.get("/api/batches/"
                                        + batch.body().path("batch_id").asString())
                                .body(),
                        v -> v.path("batch").path("status").asString().equals("completed"));
        assertThat(done.path("batch").path("succeeded").asInt())
                .as(done.toString())
                .isEqualTo(40);
        assertThat(api.get("/api/migrate/original/own-tokens")
                        .body()
                        .path("total")
                        .asLong())
                .isZero();
        Set<Long> gitlabIds = new HashSet<>();
        for (OriginalBackupFixture.Mirror m : gitlab.mirrors()) {
            List<SimulatedInstance.MirrorView> onProject = a.pushMirrors(m.sourcePath());
            assertThat(onProject).as(m.sourcePath()).hasSize(1);
            assertThat(onProject.get(0).id()).isNotEqualTo(m.gitlabMirrorId());
            gitlabIds.add(onProject.get(0).id());
        }
        assertThat(gitlabIds).hasSize(40);
        JsonNode afterMove = api.get("/api/mirrors/" + mirrorId).body();
        assertThat(afterMove.path("mirror_id").asLong())
                .isEqualTo(a.pushMirrors("platform/core/proj-0001").get(0).id());

        // the project access token is no longer needed: revoked in GitLab, the mirror still syncs (with the group
        // token)
        b.revokeToken(gitlab.mirrors().get(0).token());
        int beforeSecond = b.receivedMirrorUpdates("platform/core/proj-0001").size();
        a.advanceClock(Duration.ofMinutes(6)); // past GitLab's 5-minute backoff between two syncs
        awaitCommand(api.post("/api/mirrors/" + mirrorId + "/update", "")
                .body()
                .path("command_id")
                .asString());
        await().atMost(WAIT)
                .until(() -> b.receivedMirrorUpdates("platform/core/proj-0001").size() > beforeSecond);
        assertThat(a.pushMirrors("platform/core/proj-0001").get(0).lastError()).isNull();
        assertThat(String.join("\n", api.transcript()))
                .doesNotContain(gitlab.mirrors().get(0).token());
    }

    private static JsonNode mirrorOf(JsonNode result, String sourcePath) {
        for (JsonNode m : result.path("mirrors")) {
            if (m.path("source_project_path").asString().equals(sourcePath)) {
                return m;
            }
        }
        throw new AssertionError("no mirror of " + sourcePath);
    }

    private static void awaitCommand(String commandId) {
        await().atMost(WAIT).until(() -> api.get("/api/commands/" + commandId).body(), c -> "succeeded"
                .equals(c.path("status").asString()));
    }
}
