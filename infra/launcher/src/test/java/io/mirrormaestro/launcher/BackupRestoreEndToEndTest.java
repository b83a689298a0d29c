package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A backup taken from one installation restored into a fresh one (its own database and its own encryption key, the
 * first installation gone), whose worker then syncs the restored mirrors against the same GitLab instances: the tokens
 * travelled sealed under the passphrase and were re-encrypted with the new installation's key.
 */
class BackupRestoreEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String PASSPHRASE = "a passphrase for the test, ünïcode too";

    GitLabSimulator simulator;
    MirrorMaestroSystem first;
    MirrorMaestroSystem fresh;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {first, fresh, simulator}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the next one is still closed
            }
        }
    }

    @Test
    void aFreshInstallationRestoredFromABackupSyncsTheMirrors() throws Exception {
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
        for (SimulatedInstance gitlab : new SimulatedInstance[] {source, target}) {
            gitlab.createProject("platform/api");
            gitlab.createProject("platform/web");
        }
        String groupToken = target.createGroupAccessToken(
                target.group("platform").orElseThrow(),
                "mirror-bot",
                Set.of("read_repository", "write_repository"),
                40,
                expiry);

        first = TestSystem.start(Map.of());
        ApiClient api = new ApiClient(first.apiPort());
        long sourceId = id(api.post("/api/instances", instance("source", source, sourceApi)));
        long targetId = id(api.post("/api/instances", instance("target", target, targetApi)));
        long pair = id(api.post(
                "/api/pairs",
                "{\"name\":\"source to target\",\"source_instance_id\":" + sourceId + ",\"target_instance_id\":"
                        + targetId + ",\"mirror_direction\":\"push\"}"));
        id(api.post(
                "/api/tokens",
                "{\"gitlab_instance_id\":" + targetId
                        + ",\"group_path\":\"platform\",\"token_name\":\"mirror-bot\",\"token\":\"" + groupToken
                        + "\"}"));
        long apiMirror = id(api.post("/api/mirrors", mirror(pair, "platform/api")));
        long webMirror = id(api.post("/api/mirrors", mirror(pair, "platform/web")));
        for (long id : new long[] {apiMirror, webMirror}) {
            await().atMost(WAIT)
                    .until(
                            () -> api.get("/api/mirrors/" + id)
                                    .body()
                                    .path("lifecycle")
                                    .asString(),
                            "active"::equals);
        }
        long gitlabMirror = source.pushMirrors("platform/api").get(0).id();

        HttpResponse<byte[]> backup = send(
                first.apiPort(),
                "/api/backup",
                "application/json",
                null,
                ApiClient.JSON
                        .createObjectNode()
                        .put("passphrase", PASSPHRASE)
                        .toString()
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(backup.statusCode()).isEqualTo(200);
        first.close();
        first = null;

        fresh = TestSystem.start(Map.of());
        ApiClient restored = new ApiClient(fresh.apiPort());
        assertThat(restored.get("/api/instances").body().size()).isZero();

        JsonNode plan = restore(fresh.apiPort(), backup.body(), true);
        assertThat(plan.path("dry_run").asBoolean()).isTrue();
        assertThat(created(plan, "mirrors")).isEqualTo(2);
        assertThat(created(plan, "instances")).isEqualTo(2);
        assertThat(restored.get("/api/mirrors/" + apiMirror).status()).isEqualTo(404);
        JsonNode done = restore(fresh.apiPort(), backup.body(), false);
        assertThat(done.path("dry_run").asBoolean()).isFalse();
        assertThat(done.path("secrets").asLong()).isEqualTo(3);

        JsonNode mirror = restored.get("/api/mirrors/" + apiMirror).body();
        assertThat(mirror.path("lifecycle").asString()).isEqualTo("active");
        assertThat(mirror.path("mirror_id").asLong()).isEqualTo(gitlabMirror);
        source.clearRequestLog();
        String sync = restored.post("/api/mirrors/" + apiMirror + "/update", "")
                .body()
                .path("command_id")
                .asString();
        await().atMost(WAIT)
                .until(
                        () -> restored.get("/api/commands/" + sync)
                                .body()
                                .path("status")
                                .asString(),
                        "succeeded"::equals);
        assertThat(source.requestLog())
                .as("the fresh installation's worker reached GitLab with the restored instance token")
                .anyMatch(e -> e.method().equals("POST")
                        && e.apiPath().endsWith("/remote_mirrors/" + gitlabMirror + "/sync")
                        && e.status() == 204);

        // a new mirror after the restore: the group token, re-encrypted with this installation's key, goes into the URL
        source.createProject("platform/new");
        target.createProject("platform/new");
        long created = id(restored.post("/api/mirrors", mirror(pair, "platform/new")));
        assertThat(created).as("ids continue after the restored ones").isGreaterThan(webMirror);
        await().atMost(WAIT)
                .until(
                        () -> restored.get("/api/mirrors/" + created)
                                .body()
                                .path("lifecycle")
                                .asString(),
                        s -> {
                            assertThat(s).isNotEqualTo("failed");
                            return s.equals("active");
                        });
        await().atMost(WAIT)
                .until(() -> !target.receivedMirrorUpdates("platform/new").isEmpty());
        assertThat(restored.transcript()).noneMatch(t -> t.contains(groupToken) || t.contains(sourceApi));
    }

    private static long created(JsonNode plan, String collection) {
        for (JsonNode c : plan.path("collections")) {
            if (c.path("name").asString().equals(collection)) {
                return c.path("created").path("count").asLong();
            }
        }
        throw new AssertionError("no " + collection + " in " + plan);
    }

    private static JsonNode restore(int port, byte[] archive, boolean dryRun) throws Exception {
        HttpResponse<byte[]> answer = send(
                port,
                "/api/backup/restore?dry_run=" + dryRun,
                "application/zip",
                java.net.URLEncoder.encode(PASSPHRASE, StandardCharsets.UTF_8).replace("+", "%20"),
                archive);
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        assertThat(answer.statusCode()).as(text).isEqualTo(200);
        return ApiClient.JSON.readTree(text);
    }

    private static HttpResponse<byte[]> send(int port, String path, String type, String passphrase, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", ApiClient.basic(ApiClient.USER, ApiClient.PASSWORD))
                .header("Content-Type", type)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (passphrase != null) {
            request.header("X-Backup-Passphrase", passphrase);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String instance(String name, SimulatedInstance gitlab, String token) {
        return "{\"name\":\"" + name + "\",\"url\":\"" + gitlab.baseUrl() + "\",\"token\":\"" + token + "\"}";
    }

    private static String mirror(long pair, String project) {
        return "{\"instance_pair_id\":" + pair + ",\"source_project_path\":\"" + project
                + "\",\"target_project_path\":\"" + project + "\"}";
    }

    private static long id(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isIn(200, 201, 202);
        return response.body().path("id").asLong();
    }
}
