package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.secrets.KeyRotation;
import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rotation of the at-rest key on a running system: restarted with a new key and the old one as previous, the worker
 * still reaches GitLab with tokens stored under the old key; the re-encryption rewrites them; restarted with the new
 * key alone, everything still works.
 */
class KeyRotationEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    GitLabSimulator simulator;
    MirrorMaestroSystem system;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void servicesReadTheOldKeyWhileTheRotationRewritesEverySecret() {
        simulator = GitLabSimulator.create();
        SimulatedInstance source =
                simulator.addInstance(InstanceOptions.of("source").withLocalRequestsAllowed(true));
        SimulatedInstance target =
                simulator.addInstance(InstanceOptions.of("target").withLocalRequestsAllowed(true));
        LocalDate expiry = LocalDate.now().plusDays(90);
        String sourceApi =
                source.createPersonalAccessToken(source.createUser("root", true), "maestro", Set.of("api"), expiry);
        String targetApi =
                target.createPersonalAccessToken(target.createUser("root", true), "maestro", Set.of("api"), expiry);
        source.createProject("platform/api");
        target.createProject("platform/api");
        String groupToken = target.createGroupAccessToken(
                target.group("platform").orElseThrow(),
                "mirror-bot",
                Set.of("read_repository", "write_repository"),
                40,
                expiry);

        Map<String, Object> settings = new HashMap<>(TestSystem.settings(Map.of()));
        String oldKey = (String) settings.get("mm.api.encryption-key");
        system = new MirrorMaestroSystem(settings).startWorker().startApi(0);
        ApiClient api = new ApiClient(system.apiPort());
        long sourceId = id(api.post("/api/instances", instance("source", source, sourceApi)));
        long targetId = id(api.post("/api/instances", instance("target", target, targetApi)));
        long pair = id(api.post(
                "/api/pairs",
                "{\"name\":\"rotated\",\"source_instance_id\":" + sourceId + ",\"target_instance_id\":" + targetId
                        + ",\"mirror_direction\":\"push\"}"));
        id(api.post(
                "/api/tokens",
                "{\"gitlab_instance_id\":" + targetId
                        + ",\"group_path\":\"platform\",\"token_name\":\"mirror-bot\",\"token\":\"" + groupToken
                        + "\"}"));
        long mirror = id(api.post(
                "/api/mirrors",
                "{\"instance_pair_id\":" + pair
                        + ",\"source_project_path\":\"platform/api\",\"target_project_path\":\"platform/api\"}"));
        await().atMost(WAIT)
                .until(
                        () -> api.get("/api/mirrors/" + mirror)
                                .body()
                                .path("lifecycle")
                                .asString(),
                        "active"::equals);
        assertThat(api.get("/api/ops/key-rotation").body().path("state").asString())
                .isEqualTo("none");
        system.close();

        String newKey = TokenKey.generateBase64();
        settings.put("mm.api.encryption-key", newKey);
        settings.put("mm.worker.encryption-key", newKey);
        settings.put("mm.api.encryption-key-previous", oldKey);
        settings.put("mm.worker.encryption-key-previous", oldKey);
        // the background pass is started by hand below, so the fallback is seen working first
        settings.put("mm.api.key-rotation-first-pass", "PT1H");
        system = new MirrorMaestroSystem(settings).startWorker().startApi(0);
        ApiClient rotating = new ApiClient(system.apiPort());
        JsonNode before = rotating.get("/api/ops/key-rotation").body();
        assertThat(before.path("state").asString()).isEqualTo("in_progress");
        assertThat(before.path("remaining").asLong()).isEqualTo(3);
        sync(rotating, mirror, source);

        long rewritten = system.api().getBean(KeyRotation.class).pass();
        assertThat(rewritten).isEqualTo(3);
        JsonNode after = rotating.get("/api/ops/key-rotation").body();
        assertThat(after.path("state").asString()).isEqualTo("done");
        assertThat(after.path("done").asLong()).isEqualTo(3);
        system.close();

        settings.remove("mm.api.encryption-key-previous");
        settings.remove("mm.worker.encryption-key-previous");
        system = new MirrorMaestroSystem(settings).startWorker().startApi(0);
        ApiClient rotated = new ApiClient(system.apiPort());
        assertThat(rotated.get("/api/ops/key-rotation")
                        .body()
                        .path("unreadable")
                        .asLong())
                .isZero();
        sync(rotated, mirror, source);
    }

    private static void sync(ApiClient api, long mirror, SimulatedInstance source) {
        long gitlabMirror = source.pushMirrors("platform/api").get(0).id();
        source.clearRequestLog();
        String command = api.post("/api/mirrors/" + mirror + "/update", "")
                .body()
                .path("command_id")
                .asString();
        await().atMost(WAIT).until(() -> api.get("/api/commands/" + command).body(), c -> {
            assertThat(c.path("status").asString())
                    .as(c.path("last_error").asString())
                    .isNotEqualTo("failed");
            return c.path("status").asString().equals("succeeded");
        });
        assertThat(source.requestLog())
                .anyMatch(e -> e.method().equals("POST")
                        && e.apiPath().endsWith("/remote_mirrors/" + gitlabMirror + "/sync")
                        && e.status() == 204);
    }

    private static String instance(String name, SimulatedInstance gitlab, String token) {
        return "{\"name\":\"" + name + "\",\"url\":\"" + gitlab.baseUrl() + "\",\"token\":\"" + token + "\"}";
    }

    private static long id(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isIn(200, 201, 202);
        return response.body().path("id").asLong();
    }
}
