package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Mirrors through the whole system: REST → command on Kafka → worker → the simulated GitLab, on a current (17.8)
 * and a pre-17.6 (17.4) instance, asserting what GitLab received.
 */
class MirrorLifecycleEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    static GitLabSimulator simulator;
    static SimulatedInstance current;
    static SimulatedInstance legacy;
    /** A GitLab as it comes: requests to the local network (so to the other instances) refused. */
    static SimulatedInstance strict;

    static MirrorMaestroSystem system;
    static ApiClient api;
    static long currentId;
    static long legacyId;
    static long pushPair;
    static long pullToCurrent;
    static long pullToLegacy;
    static long legacyGroupTokenId;
    static long strictPushPair;

    @BeforeAll
    static void start() {
        simulator = GitLabSimulator.create();
        // mirrors between instances on loopback: GitLab refuses their URLs unless local requests are allowed
        current = simulator.addInstance(InstanceOptions.of("current").withLocalRequestsAllowed(true));
        legacy = simulator.addInstance(
                InstanceOptions.of("legacy").withVersion("17.4.1-ee").withLocalRequestsAllowed(true));
        strict = simulator.addInstance(InstanceOptions.of("strict"));
        LocalDate expiry = LocalDate.now().plusDays(90);
        String strictApi = strict.createPersonalAccessToken(root(strict), "maestro", Set.of("api"), expiry);
        String currentApi = current.createPersonalAccessToken(root(current), "maestro", Set.of("api"), expiry);
        String legacyApi = legacy.createPersonalAccessToken(root(legacy), "maestro", Set.of("api"), expiry);
        for (SimulatedInstance gitlab : List.of(current, legacy)) {
            gitlab.createGroup("platform");
        }
        String currentGroupToken = current.createGroupAccessToken(
                current.group("platform").orElseThrow(),
                "mirror-bot",
                Set.of("read_repository", "write_repository"),
                40,
                expiry);
        String legacyGroupToken = legacy.createGroupAccessToken(
                legacy.group("platform").orElseThrow(),
                "mirror-bot",
                Set.of("read_repository", "write_repository"),
                40,
                expiry);

        system = TestSystem.start(Map.of());
        api = new ApiClient(system.apiPort());
        currentId = id(api.post("/api/instances", instance("current", current, currentApi)));
        legacyId = id(api.post("/api/instances", instance("legacy", legacy, legacyApi)));
        pushPair = id(api.post("/api/pairs", pair("push current→legacy", currentId, legacyId, "push")));
        pullToCurrent = id(api.post("/api/pairs", pair("pull legacy→current", legacyId, currentId, "pull")));
        pullToLegacy = id(api.post("/api/pairs", pair("pull current→legacy", currentId, legacyId, "pull")));
        id(api.post("/api/tokens", token(currentId, currentGroupToken)));
        legacyGroupTokenId = id(api.post("/api/tokens", token(legacyId, legacyGroupToken)));
        long strictId = id(api.post("/api/instances", instance("strict", strict, strictApi)));
        strictPushPair = id(api.post("/api/pairs", pair("push strict→legacy", strictId, legacyId, "push")));
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
    void aPushMirrorIsCreatedSyncedEditedVerifiedAndDeleted() {
        String project = projectOnBoth();
        current.clearRequestLog();
        JsonNode created = api.post("/api/mirrors", mirror(pushPair, project, ",\"mirror_overwrite_diverged\":true"))
                .body();
        long id = created.path("id").asLong();

        JsonNode active = awaitMirror(id, "active");
        assertThat(current.pushMirrors(project)).hasSize(1);
        var inGitLab = current.pushMirrors(project).get(0);
        assertThat(active.path("mirror_id").asLong()).isEqualTo(inGitLab.id());
        assertThat(inGitLab.enabled()).isTrue();
        assertThat(inGitLab.url())
                .contains(legacy.baseUrl().getHost())
                .contains(project)
                .doesNotContain("mirror-bot:");
        RequestLogEntry create = only(current, "POST", "/remote_mirrors$");
        assertThat(create.param("enabled")).hasToString("true");
        assertThat(create.param("keep_divergent_refs")).hasToString("false");
        await().atMost(WAIT).until(() -> !legacy.receivedMirrorUpdates(project).isEmpty());

        current.clearRequestLog();
        String sync = api.post("/api/mirrors/" + id + "/update", "")
                .body()
                .path("command_id")
                .asString();
        awaitCommand(sync, "succeeded");
        assertThat(only(current, "POST", "/remote_mirrors/" + inGitLab.id() + "/sync$")
                        .status())
                .isEqualTo(204);

        current.clearRequestLog();
        String edit = api.put("/api/mirrors/" + id, "{\"mirror_overwrite_diverged\":false,\"enabled\":false}")
                .body()
                .path("command_id")
                .asString();
        awaitCommand(edit, "succeeded");
        RequestLogEntry update = only(current, "PUT", "/remote_mirrors/" + inGitLab.id() + "$");
        assertThat(update.body()).doesNotContainKey("url");
        assertThat(update.param("keep_divergent_refs")).hasToString("true");
        assertThat(update.param("enabled")).hasToString("false");
        assertThat(current.pushMirrors(project).get(0).enabled()).isFalse();

        String verify = api.post("/api/mirrors/" + id + "/verify", "")
                .body()
                .path("command_id")
                .asString();
        awaitCommand(verify, "succeeded");
        JsonNode verified = api.get("/api/mirrors/" + id).body();
        assertThat(verified.path("drift").size()).isZero();
        assertThat(verified.path("orphaned").asBoolean()).isFalse();
        assertThat(verified.path("last_checked_at").isNull()).isFalse();

        api.delete("/api/mirrors/" + id);
        await().atMost(WAIT).until(() -> api.get("/api/mirrors/" + id).status() == 404);
        assertThat(current.pushMirrors(project)).isEmpty();
    }

    @Test
    void pullMirrorsUseTheApiTheirGitLabVersionHas() {
        String modern = projectOnBoth();
        current.clearRequestLog();
        long onCurrent = api.post("/api/mirrors", mirror(pullToCurrent, modern, ",\"mirror_trigger_builds\":true"))
                .body()
                .path("id")
                .asLong();
        awaitMirror(onCurrent, "active");
        assertThat(current.pullMirror(modern)).isPresent();
        RequestLogEntry configure = only(current, "PUT", "/mirror/pull$");
        assertThat(configure.param("mirror_trigger_builds")).hasToString("true");
        assertThat(configure.param("auth_user")).hasToString("mirror-bot");
        assertThat(configure.body().toString()).doesNotContain("glpat-");
        await().atMost(WAIT).untilAsserted(() -> assertThat(current.requestLog())
                .anyMatch(e -> e.method().equals("POST") && e.apiPath().endsWith("/mirror/pull")));

        String old = projectOnBoth();
        legacy.clearRequestLog();
        long onLegacy = api.post("/api/mirrors", mirror(pullToLegacy, old, ""))
                .body()
                .path("id")
                .asLong();
        awaitMirror(onLegacy, "active");
        assertThat(legacy.pullMirror(old)).isPresent();
        assertThat(legacy.requestLog())
                .noneMatch(e -> e.method().equals("PUT") && e.apiPath().endsWith("/mirror/pull"));
        RequestLogEntry legacyConfigure = legacy.requestLog().stream()
                .filter(e -> e.method().equals("PUT") && e.apiPath().matches("/projects/[^/]+$"))
                .findFirst()
                .orElseThrow();
        assertThat(legacyConfigure.param("mirror")).hasToString("true");
        assertThat(String.valueOf(legacyConfigure.param("import_url")))
                .contains(old)
                .doesNotContain("glpat-");
    }

    @Test
    void rotatingAGroupTokenReplacesPushMirrorsKeepingTheirSettings() {
        String project = projectOnBoth();
        long id = api.post("/api/mirrors", mirror(pushPair, project, ",\"only_mirror_protected_branches\":true"))
                .body()
                .path("id")
                .asLong();
        long before = awaitMirror(id, "active").path("mirror_id").asLong();

        String rotated = legacy.createGroupAccessToken(
                legacy.group("platform").orElseThrow(),
                "mirror-bot",
                Set.of("read_repository", "write_repository"),
                40,
                LocalDate.now().plusDays(200));
        current.clearRequestLog();
        assertThat(api.put("/api/tokens/" + legacyGroupTokenId, "{\"token\":\"" + rotated + "\"}")
                        .status())
                .isEqualTo(200);

        await().atMost(WAIT)
                .until(() ->
                        api.get("/api/mirrors/" + id).body().path("mirror_id").asLong() != before);
        await().atMost(WAIT).until(() -> current.pushMirrors(project).size() == 1);
        assertThat(current.pushMirrors(project).get(0).id()).isNotEqualTo(before);
        RequestLogEntry replacement = only(current, "POST", "/remote_mirrors$");
        assertThat(replacement.param("only_protected_branches")).hasToString("true");
        assertThat(replacement.param("enabled")).hasToString("true");
    }

    /** GitLab refuses a mirror URL on the local network unless allowed; our API shows GitLab's own message. */
    @Test
    void aMirrorUrlGitLabBlocksShowsGitLabsMessageOnTheMirror() {
        String project = "platform/blocked-" + UUID.randomUUID().toString().substring(0, 8);
        strict.createProject(project);
        legacy.createProject(project);

        JsonNode created =
                api.post("/api/mirrors", mirror(strictPushPair, project, "")).body();

        JsonNode failed = awaitFailed(created.path("id").asLong());
        assertThat(failed.path("last_error").asString())
                .isEqualTo("400 url is blocked: Requests to localhost are not allowed");
        JsonNode command = api.get("/api/commands/" + created.path("command_id").asString())
                .body();
        assertThat(command.path("status").asString()).isEqualTo("failed");
        assertThat(command.path("attempts").asInt()).isEqualTo(1);
        assertThat(command.path("last_error").asString()).contains("Requests to localhost are not allowed");
        assertThat(strict.pushMirrors(project)).isEmpty();
    }

    /**
     * GitLab before 17.6 reads the remote before it saves a pull mirror and answers 422 when the credentials cannot read
     * it: the command fails at its first attempt with GitLab's message.
     */
    @Test
    void aLegacyPullConfigurationGitLabCannotReadFailsAtOnceWithGitLabsMessage() {
        String group = "sealed-" + UUID.randomUUID().toString().substring(0, 8);
        String project = group + "/lib";
        current.createProject(project);
        legacy.createProject(project);
        String doomed = current.createGroupAccessToken(
                current.group(group).orElseThrow(),
                "puller",
                Set.of("read_repository"),
                40,
                LocalDate.now().plusDays(30));
        id(api.post(
                "/api/tokens",
                "{\"gitlab_instance_id\":" + currentId + ",\"group_path\":\"" + group
                        + "\",\"token_name\":\"puller\",\"token\":\"" + doomed + "\"}"));
        current.revokeToken(doomed);

        JsonNode created =
                api.post("/api/mirrors", mirror(pullToLegacy, project, "")).body();

        JsonNode failed = awaitFailed(created.path("id").asLong());
        String expected = "422 Unable to access repository with the URL and credentials provided";
        assertThat(failed.path("last_error").asString()).isEqualTo(expected);
        JsonNode command = api.get("/api/commands/" + created.path("command_id").asString())
                .body();
        assertThat(command.path("status").asString()).isEqualTo("failed");
        assertThat(command.path("attempts").asInt()).isEqualTo(1);
        assertThat(legacy.pullMirror(project)).isEmpty();
    }

    private static JsonNode awaitFailed(long id) {
        return await().atMost(WAIT).until(() -> api.get("/api/mirrors/" + id).body(), m -> "failed"
                .equals(m.path("lifecycle").asString()));
    }

    private static JsonNode awaitMirror(long id, String lifecycle) {
        return await().atMost(WAIT).until(() -> api.get("/api/mirrors/" + id).body(), m -> {
            assertThat(m.path("lifecycle").asString())
                    .as(m.path("last_error").asString())
                    .isNotEqualTo("failed");
            return lifecycle.equals(m.path("lifecycle").asString());
        });
    }

    private static void awaitCommand(String commandId, String status) {
        await().atMost(WAIT)
                .until(
                        () -> api.get("/api/commands/" + commandId).body(),
                        c -> status.equals(c.path("status").asString()));
    }

    private static RequestLogEntry only(SimulatedInstance gitlab, String method, String apiPathRegex) {
        List<RequestLogEntry> matching = gitlab.requestLog().stream()
                .filter(e -> e.method().equals(method) && e.apiPath().matches(".*" + apiPathRegex))
                .toList();
        assertThat(matching).as(method + " " + apiPathRegex).hasSize(1);
        return matching.get(0);
    }

    private static String projectOnBoth() {
        String path = "platform/svc-" + UUID.randomUUID().toString().substring(0, 8);
        current.createProject(path);
        legacy.createProject(path);
        return path;
    }

    private static SimUser root(SimulatedInstance gitlab) {
        return gitlab.createUser("root", true);
    }

    private static String instance(String name, SimulatedInstance gitlab, String token) {
        return "{\"name\":\"" + name + "\",\"url\":\"" + gitlab.baseUrl() + "\",\"token\":\"" + token + "\"}";
    }

    private static String pair(String name, long source, long target, String direction) {
        return "{\"name\":\"" + name + "\",\"source_instance_id\":" + source + ",\"target_instance_id\":" + target
                + ",\"mirror_direction\":\"" + direction + "\"}";
    }

    private static String token(long instance, String value) {
        return "{\"gitlab_instance_id\":" + instance
                + ",\"group_path\":\"platform\",\"token_name\":\"mirror-bot\",\"token\":\"" + value + "\"}";
    }

    private static String mirror(long pair, String project, String extra) {
        return "{\"instance_pair_id\":" + pair + ",\"source_project_path\":\"" + project
                + "\",\"target_project_path\":\"" + project + "\"" + extra + "}";
    }

    private static long id(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isIn(200, 202);
        return response.body().path("id").asLong();
    }
}
