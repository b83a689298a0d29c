package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remote (push) mirror API and the simulated sync against another simulated instance. */
class PushMirrorsTest {
    static GitLabSimulator sim;
    static SimulatedInstance source;
    static SimulatedInstance target;
    static String rootToken;
    static String developerToken;
    static String writeToken;
    static String readOnlyToken;
    static SimProject api;
    static String mirrors;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        // the target listens on loopback: GitLab refuses such mirror URLs unless local requests are allowed
        source = sim.addInstance(InstanceOptions.of("source").withLocalRequestsAllowed(true));
        target = sim.addInstance(InstanceOptions.of("target"));
        SimUser root = source.createUser("root", true);
        rootToken = source.createPersonalAccessToken(root, "root", Set.of("api"), null);
        api = source.createProject("platform/api");
        SimUser dev = source.createUser("dev", false);
        source.addMember(api, dev, 30);
        developerToken = source.createPersonalAccessToken(dev, "dev", Set.of("api"), null);
        mirrors = "/api/v4/projects/" + api.id() + "/remote_mirrors";

        SimGroup mirrorGroup = target.createGroup("mirror");
        target.createProject("mirror/api");
        LocalDate in30Days = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        writeToken = target.createGroupAccessToken(mirrorGroup, "writer", Set.of("write_repository"), 30, in30Days);
        readOnlyToken = target.createGroupAccessToken(mirrorGroup, "reader", Set.of("read_repository"), 30, in30Days);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clean() {
        source.faults().reset();
    }

    private static Http root() {
        return new Http(source, rootToken);
    }

    private static String targetUrl(String user, String password, String path) {
        String credentials = user == null && password == null
                ? ""
                : (user == null ? "" : user) + (password == null ? "" : ":" + password) + "@";
        return "http://" + credentials + "127.0.0.1:" + target.port() + "/" + path + ".git";
    }

    private static JsonNode create(String url, boolean enabled) {
        Http.Answer answer = root().postForm(mirrors, Http.map("url", url, "enabled", enabled));
        assertThat(answer.status()).isEqualTo(201);
        return answer.json();
    }

    private static JsonNode awaitStatus(long mirrorId, String status) {
        return await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> root().get(mirrors + "/" + mirrorId).json(),
                        m -> status.equals(m.get("update_status").asText()));
    }

    @Test
    void createDefaultsToDisabledAndMasksCredentials() {
        JsonNode mirror = create(targetUrl("oauth2", writeToken, "mirror/api"), false);
        assertThat(root().postForm(mirrors, Http.map("url", targetUrl(null, null, "x")))
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(mirror.get("url").asText())
                .isEqualTo("http://*****:*****@127.0.0.1:" + target.port() + "/mirror/api.git");
        assertThat(mirror.get("update_status").asText()).isEqualTo("none");
        assertThat(mirror.get("only_protected_branches").asBoolean()).isFalse();
        assertThat(mirror.get("keep_divergent_refs").asBoolean()).isFalse();
        assertThat(mirror.get("auth_method").asText()).isEqualTo("password");
        assertThat(mirror.get("last_error").isNull()).isTrue();
        assertThat(mirror.has("last_update_at")).isTrue();

        assertThat(create(targetUrl("oauth2", null, "a"), false).get("url").asText())
                .isEqualTo("http://*****@127.0.0.1:" + target.port() + "/a.git");
        assertThat(create(targetUrl(null, null, "b"), false).get("url").asText())
                .isEqualTo("http://127.0.0.1:" + target.port() + "/b.git");
        assertThat(create("ssh://git@example.com/group/p.git", false).get("url").asText())
                .isEqualTo("ssh://git@example.com/group/p.git");
    }

    @Test
    void jsonBodyIsAcceptedToo() {
        Http.Answer answer = root().postJson(mirrors, Http.map("url", targetUrl("u", "p", "j"), "enabled", true));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void validationErrors() {
        Http.Answer missing = root().postForm(mirrors, Http.map("enabled", true));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"error\":\"url is missing\"}");
        Http.Answer badScheme = root().postForm(mirrors, Http.map("url", "ftp://host/x.git"));
        assertThat(badScheme.status()).isEqualTo(400);
        assertThat(badScheme.json().get("message").get("url").get(0).asText()).startsWith("is blocked");
        Http.Answer exclusive = root().postForm(
                        mirrors,
                        Http.map(
                                "url",
                                targetUrl(null, null, "x"),
                                "only_protected_branches",
                                true,
                                "mirror_branch_regex",
                                "^main$"));
        assertThat(exclusive.status()).isEqualTo(400);
        assertThat(exclusive.json().get("error").asText()).contains("mutually exclusive");
    }

    @Test
    void developersGet401AndUnknownMirrorIs404() {
        Http dev = new Http(source, developerToken);
        Http.Answer list = dev.get(mirrors);
        assertThat(list.status()).isEqualTo(401);
        assertThat(list.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
        Http.Answer missing = root().get(mirrors + "/424242");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"404 Not found\"}");
        assertThat(root().get("/api/v4/projects/99999999/remote_mirrors").body())
                .isEqualTo("{\"message\":\"404 Project Not Found\"}");
    }

    @Test
    void updateChangesOptionsButNeverTheUrl() {
        JsonNode mirror = create(targetUrl("oauth2", writeToken, "mirror/api"), false);
        long id = mirror.get("id").asLong();
        Http.Answer updated = root().putForm(
                        mirrors + "/" + id,
                        Http.map(
                                "enabled",
                                true,
                                "only_protected_branches",
                                true,
                                "url",
                                "http://evil.example.com/x.git"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("enabled").asBoolean()).isTrue();
        assertThat(updated.json().get("only_protected_branches").asBoolean()).isTrue();
        assertThat(updated.json().get("url").asText())
                .isEqualTo(mirror.get("url").asText());
        assertThat(root().delete(mirrors + "/" + id).status()).isEqualTo(204);
        assertThat(root().get(mirrors + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void syncOfDisabledMirrorIs400() {
        long id = create(targetUrl("oauth2", writeToken, "mirror/api"), false)
                .get("id")
                .asLong();
        Http.Answer answer = root().post(mirrors + "/" + id + "/sync");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body())
                .isEqualTo(
                        "{\"message\":\"Cannot proceed with the push mirroring. Please verify your mirror configuration.\"}");
    }

    @Test
    void successfulSyncFinishesAndArrivesOnTarget() {
        target.createProject("mirror/ok-" + System.nanoTime());
        long id = create(targetUrl("writer", writeToken, "mirror/api"), true)
                .get("id")
                .asLong();
        int before = target.receivedMirrorUpdates("mirror/api").size();
        Http.Answer sync = root().post(mirrors + "/" + id + "/sync");
        assertThat(sync.status()).isEqualTo(204);
        assertThat(sync.body()).isEmpty();
        JsonNode done = awaitStatus(id, "finished");
        assertThat(done.get("last_error").isNull()).isTrue();
        assertThat(done.get("last_update_started_at").isNull()).isFalse();
        assertThat(done.get("last_successful_update_at").asText())
                .isEqualTo(done.get("last_update_at").asText());
        assertThat(target.receivedMirrorUpdates("mirror/api")).hasSize(before + 1);
        ReceivedMirrorUpdate received =
                target.receivedMirrorUpdates("mirror/api").get(before);
        assertThat(received.kind()).isEqualTo("push");
        assertThat(received.source()).isEqualTo(source.baseUrl() + "/platform/api");
    }

    @Test
    void syncGoesThroughScheduledAndStarted() {
        source.faults().setSyncDelay(Duration.ofMillis(300));
        long id = create(targetUrl("writer", writeToken, "mirror/api"), true)
                .get("id")
                .asLong();
        root().post(mirrors + "/" + id + "/sync");
        assertThat(root().get(mirrors + "/" + id).json().get("update_status").asText())
                .isEqualTo("scheduled");
        awaitStatus(id, "started");
        awaitStatus(id, "finished");
    }

    @Test
    void failuresCarryGitLabLikeErrors() {
        assertFails(targetUrl("writer", "not-a-known-token-value", "mirror/api"), "Authentication failed");
        assertFails(targetUrl("reader", readOnlyToken, "mirror/api"), "You are not allowed to upload code.");
        assertFails(targetUrl("writer", writeToken, "mirror/missing"), "could not be found");
        assertFails(targetUrl(null, null, "mirror/api"), "could not read Username");
        assertFails(targetUrl("oauth2", null, "mirror/api"), "could not read Password");
        assertFails("http://u:p@127.0.0.1:1/a/b.git", "Failed to connect to 127.0.0.1 port 1");
        assertFails("https://u:p@github.com/a/b.git", "Could not resolve host: github.com");
    }

    @Test
    void revokedOrExpiredTargetTokenFailsAuthentication() {
        SimGroup group = target.group("mirror").orElseThrow();
        String soonExpired = target.createGroupAccessToken(
                group,
                "expiring",
                Set.of("write_repository"),
                30,
                LocalDate.now(ZoneOffset.UTC).plusDays(1));
        String revoked = target.createGroupAccessToken(group, "revoked", Set.of("write_repository"), 30, null);
        target.revokeToken(revoked);
        assertFails(targetUrl("revoked", revoked, "mirror/api"), "Authentication failed");
        target.advanceClock(Duration.ofDays(1));
        try {
            assertFails(targetUrl("expiring", soonExpired, "mirror/api"), "Authentication failed");
        } finally {
            target.advanceClock(Duration.ofDays(-1));
        }
    }

    private void assertFails(String url, String expectedFragment) {
        long id = create(url, true).get("id").asLong();
        root().post(mirrors + "/" + id + "/sync");
        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.get("last_error").asText()).contains(expectedFragment).startsWith("13:");
        String password = url.contains("@") && url.indexOf(':', 7) < url.indexOf('@')
                ? url.substring(url.indexOf(':', 7) + 1, url.indexOf('@'))
                : null;
        if (password != null && password.length() > 8) {
            assertThat(failed.get("last_error").asText()).doesNotContain(password);
        }
        assertThat(failed.get("last_successful_update_at").isNull()).isTrue();
    }

    @Test
    void syncInsideBackoffWindowIsQueuedAndRunsLater() {
        long id = create(targetUrl("writer", writeToken, "mirror/api"), true)
                .get("id")
                .asLong();
        root().post(mirrors + "/" + id + "/sync");
        String firstStart =
                awaitStatus(id, "finished").get("last_update_started_at").asText();

        Http.Answer again = root().post(mirrors + "/" + id + "/sync");
        assertThat(again.status()).isEqualTo(204);
        assertThat(root().get(mirrors + "/" + id)
                        .json()
                        .get("last_update_started_at")
                        .asText())
                .isEqualTo(firstStart);
        assertThat(source.stateDump()).contains("\"deferred_until\" : \"");

        source.advanceClock(Duration.ofMinutes(5));
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode m = root().get(mirrors + "/" + id).json();
                assertThat(m.get("update_status").asText()).isEqualTo("finished");
                assertThat(m.get("last_update_started_at").asText()).isNotEqualTo(firstStart);
            });
        } finally {
            source.advanceClock(Duration.ofMinutes(-5));
        }
    }

    @Test
    void stuckProjectsStayStarted() {
        SimProject stuckProject = source.createProject("platform/stuck");
        String path = "/api/v4/projects/" + stuckProject.id() + "/remote_mirrors";
        long id = root().postForm(path, Http.map("url", targetUrl("writer", writeToken, "mirror/api"), "enabled", true))
                .json()
                .get("id")
                .asLong();
        source.faults().setStuck(stuckProject.id(), true);
        root().post(path + "/" + id + "/sync");
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> root().get(path + "/" + id)
                                .json()
                                .get("update_status")
                                .asText(),
                        "started"::equals);
        await().during(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(2))
                .until(
                        () -> root().get(path + "/" + id)
                                .json()
                                .get("update_status")
                                .asText(),
                        "started"::equals);
        assertThat(root().post(path + "/" + id + "/sync").status()).isEqualTo(204);
    }

    @Test
    void olderGitLabHasNoSyncEndpoint() {
        try (GitLabSimulator old = GitLabSimulator.create()) {
            SimulatedInstance gitlab = old.addInstance(InstanceOptions.of("old").withVersion("16.10.3-ee"));
            String token = gitlab.createPersonalAccessToken(gitlab.createUser("root", true), "t", Set.of("api"), null);
            SimProject p = gitlab.createProject("g/p");
            long id = gitlab.createPushMirror(p, "http://127.0.0.1:1/x.git", true);
            Http.Answer answer =
                    new Http(gitlab, token).post("/api/v4/projects/" + p.id() + "/remote_mirrors/" + id + "/sync");
            assertThat(answer.status()).isEqualTo(404);
        }
    }
}
