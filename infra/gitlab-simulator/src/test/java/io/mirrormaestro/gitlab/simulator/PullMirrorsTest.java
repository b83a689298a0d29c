package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pull mirroring: new PUT /mirror/pull (17.6+), legacy PUT /projects/:id, trigger and hard failure. */
class PullMirrorsTest {
    static GitLabSimulator sim;
    static SimulatedInstance upstream;
    static SimulatedInstance gitlab;
    static String rootToken;
    static String developerToken;
    static String readToken;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        upstream = sim.addInstance(InstanceOptions.of("upstream"));
        // the upstream listens on loopback: GitLab refuses such import URLs unless local requests are allowed
        gitlab = sim.addInstance(InstanceOptions.of("downstream").withLocalRequestsAllowed(true));
        upstream.createProject("oss/lib");
        SimUser reader = upstream.createUser("reader", false);
        upstream.addMember(upstream.group("oss").orElseThrow(), reader, 20);
        readToken = upstream.createPersonalAccessToken(reader, "pull", Set.of("read_repository"), null);

        SimUser root = gitlab.createUser("root", true);
        rootToken = gitlab.createPersonalAccessToken(root, "root", Set.of("api"), null);
        SimUser dev = gitlab.createUser("dev", false);
        gitlab.addMember(gitlab.createGroup("mirrors"), dev, 30);
        developerToken = gitlab.createPersonalAccessToken(dev, "dev", Set.of("api"), null);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static Http root() {
        return new Http(gitlab, rootToken);
    }

    private static String upstreamUrl(String user, String password) {
        String credentials = password == null ? "" : user + ":" + password + "@";
        return "http://" + credentials + "127.0.0.1:" + upstream.port() + "/oss/lib.git";
    }

    private static String pullPath(SimProject project) {
        return "/api/v4/projects/" + project.id() + "/mirror/pull";
    }

    private static JsonNode awaitStatus(SimProject project, String status) {
        return await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> root().get(pullPath(project)).json(),
                        m -> status.equals(m.get("update_status").asText()));
    }

    @Test
    void notMirroredIs400() {
        SimProject project = gitlab.createProject("mirrors/plain");
        Http.Answer get = root().get(pullPath(project));
        assertThat(get.status()).isEqualTo(400);
        assertThat(get.body()).isEqualTo("{\"message\":\"The project is not mirrored\"}");
        assertThat(root().post(pullPath(project)).status()).isEqualTo(400);
        assertThat(new Http(gitlab, developerToken).get(pullPath(project)).status())
                .isEqualTo(403);
    }

    @Test
    void configureWithPutMirrorPullThenSyncSucceeds() {
        SimProject project = gitlab.createProject("mirrors/new-api");
        Http.Answer put = root().putJson(
                        pullPath(project),
                        Http.map(
                                "enabled",
                                true,
                                "url",
                                upstreamUrl("x", "y").replace("x:y@", ""),
                                "auth_user",
                                "reader",
                                "auth_password",
                                readToken,
                                "mirror_overwrites_diverged_branches",
                                true));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("enabled").asBoolean()).isTrue();
        assertThat(put.json().get("url").asText())
                .isEqualTo("http://*****:*****@127.0.0.1:" + upstream.port() + "/oss/lib.git");
        assertThat(put.json().get("mirror_overwrites_diverged_branches").asBoolean())
                .isTrue();
        assertThat(put.body()).doesNotContain(readToken);

        JsonNode done = awaitStatus(project, "finished");
        assertThat(done.get("last_successful_update_at").isNull()).isFalse();
        assertThat(gitlab.receivedMirrorUpdates("mirrors/new-api"))
                .extracting(ReceivedMirrorUpdate::kind)
                .contains("pull");

        Http.Answer trigger = root().post(pullPath(project));
        assertThat(trigger.status()).isEqualTo(200);
    }

    @Test
    void putMirrorPullValidation() {
        SimProject project = gitlab.createProject("mirrors/validation");
        Http.Answer none = root().putJson(pullPath(project), Http.map());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("error").asText()).contains("at least one parameter must be provided");
        // the endpoint declares its exclusion on only_protected_branches, a parameter it does not take
        Http.Answer exclusive = root().putJson(
                        pullPath(project), Http.map("only_protected_branches", true, "mirror_branch_regex", "x"));
        assertThat(exclusive.json().get("error").asText())
                .isEqualTo("only_protected_branches, mirror_branch_regex are mutually exclusive");
        // errors are the project's error hash, not a string (render_api_error!(result.message, 400))
        Http.Answer blank = root().putJson(pullPath(project), Http.map("enabled", true));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).isEqualTo("{\"message\":{\"import_url\":[\"can't be blank\"]}}");
    }

    @Test
    void legacyPutProjectConfiguresMirror() {
        SimProject project = gitlab.createProject("mirrors/legacy");
        String path = "/api/v4/projects/" + project.id();
        Http.Answer blank = root().putForm(path, Http.map("mirror", true));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).isEqualTo("{\"message\":{\"import_url\":[\"can't be blank\"]}}");

        Http.Answer put = root().putForm(
                        path,
                        Http.map(
                                "mirror", true,
                                "import_url", upstreamUrl("reader", readToken),
                                "mirror_trigger_builds", false,
                                "only_mirror_protected_branches", true));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("mirror").asBoolean()).isTrue();
        assertThat(put.json().get("import_url").asText())
                .isEqualTo("http://127.0.0.1:" + upstream.port() + "/oss/lib.git");
        assertThat(put.json().get("mirror_user_id").asLong()).isPositive();
        assertThat(put.json().get("only_mirror_protected_branches").asBoolean()).isTrue();
        assertThat(put.body()).doesNotContain(readToken);
        awaitStatus(project, "finished");

        assertThat(new Http(gitlab, developerToken)
                        .putForm(path, Http.map("description", "x"))
                        .body())
                .isEqualTo("{\"message\":\"403 Forbidden\"}");
    }

    @Test
    void triggerInsidePullIntervalOnlyReschedules() {
        SimProject project = gitlab.createProject("mirrors/interval");
        gitlab.configurePullMirror(project, upstreamUrl("reader", readToken), true);
        String firstStart =
                awaitStatus(project, "finished").get("last_update_started_at").asText();
        assertThat(root().post(pullPath(project)).status()).isEqualTo(200);
        assertThat(root().get(pullPath(project))
                        .json()
                        .get("last_update_started_at")
                        .asText())
                .isEqualTo(firstStart);
        gitlab.advanceClock(Duration.ofSeconds(301));
        try {
            await().atMost(Duration.ofSeconds(5))
                    .until(
                            () -> root().get(pullPath(project)).json(),
                            m -> !firstStart.equals(
                                            m.get("last_update_started_at").asText())
                                    && "finished".equals(m.get("update_status").asText()));
        } finally {
            gitlab.advanceClock(Duration.ofSeconds(-301));
        }
    }

    @Test
    void fourteenFailuresPauseTheMirrorUntilForced() {
        SimProject project = gitlab.createProject("mirrors/broken");
        gitlab.configurePullMirror(project, upstreamUrl("reader", "glpat-invalidinvalid0000"), true);
        JsonNode failed = awaitStatus(project, "failed");
        assertThat(failed.get("last_error").asText())
                .contains("Authentication failed")
                .doesNotContain("glpat-invalid");
        for (int i = 2; i <= 14; i++) {
            assertThat(root().post(pullPath(project)).status()).isEqualTo(200);
            int attempt = i;
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> gitlab.stateDump().contains("\"retry_count\" : " + attempt));
        }
        Http.Answer paused = root().post(pullPath(project));
        assertThat(paused.status()).isEqualTo(403);
        assertThat(paused.body()).isEqualTo("{\"message\":\"Mirroring for the project is on pause\"}");
        assertThat(root().post(pullPath(project) + "?force=true").status()).isEqualTo(200);
    }

    @Test
    void configuringAPausedMirrorResumesIt() {
        SimProject project = gitlab.createProject("mirrors/resumed");
        gitlab.configurePullMirror(project, upstreamUrl("reader", "glpat-invalidinvalid0000"), true);
        awaitStatus(project, "failed");
        for (int i = 2; i <= 14; i++) {
            assertThat(root().post(pullPath(project)).status()).isEqualTo(200);
            int attempt = i;
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> gitlab.stateDump().contains("\"retry_count\" : " + attempt));
        }
        assertThat(root().post(pullPath(project)).status()).isEqualTo(403);

        // Repositories::PullMirrors::UpdateService ends in force_import_job!, which resets a hard failure
        Http.Answer configured = root().putForm(
                        pullPath(project),
                        Http.map(
                                "enabled",
                                "true",
                                "url",
                                upstreamUrl(null, null),
                                "auth_user",
                                "reader",
                                "auth_password",
                                readToken));

        assertThat(configured.status()).isEqualTo(200);
        awaitStatus(project, "finished");
        assertThat(root().post(pullPath(project)).status()).isEqualTo(200);
    }

    @Test
    void newConfigurationEndpointNeedsGitLab176AndPremium() {
        try (GitLabSimulator other = GitLabSimulator.create()) {
            SimulatedInstance old = other.addInstance(InstanceOptions.of("old").withVersion("17.5.1-ee"));
            String token = old.createPersonalAccessToken(old.createUser("root", true), "t", Set.of("api"), null);
            SimProject p = old.createProject("g/p");
            Http http = new Http(old, token);
            assertThat(http.putJson("/api/v4/projects/" + p.id() + "/mirror/pull", Http.map("enabled", false))
                            .status())
                    .isEqualTo(405);

            SimulatedInstance free =
                    other.addInstance(InstanceOptions.of("free").withPremium(false));
            String freeToken = free.createPersonalAccessToken(free.createUser("root", true), "t", Set.of("api"), null);
            SimProject fp = free.createProject("g/p");
            Http freeHttp = new Http(free, freeToken);
            Http.Answer legacy = freeHttp.putForm(
                    "/api/v4/projects/" + fp.id(), Http.map("mirror", true, "import_url", "http://127.0.0.1:1/x.git"));
            assertThat(legacy.status()).isEqualTo(200);
            assertThat(legacy.json().has("mirror")).isFalse();
            assertThat(freeHttp.get("/api/v4/projects/" + fp.id() + "/mirror/pull")
                            .status())
                    .isEqualTo(400);

            SimulatedInstance ce = other.addInstance(InstanceOptions.of("ce").withVersion("17.8.2"));
            String ceToken = ce.createPersonalAccessToken(ce.createUser("root", true), "t", Set.of("api"), null);
            SimProject cp = ce.createProject("g/p");
            assertThat(new Http(ce, ceToken)
                            .get("/api/v4/projects/" + cp.id() + "/mirror/pull")
                            .status())
                    .isEqualTo(404);
        }
    }
}
