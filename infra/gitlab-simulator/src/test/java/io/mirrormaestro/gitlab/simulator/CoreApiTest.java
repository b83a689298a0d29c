package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /version, /metadata, /user, authentication and scopes, scripted faults, latency, request log. */
class CoreApiTest {
    static GitLabSimulator sim;
    static SimulatedInstance gitlab;
    static SimUser root;
    static String apiToken;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        gitlab = sim.addInstance(InstanceOptions.of("core"));
        root = gitlab.createUser("root", true);
        apiToken = gitlab.createPersonalAccessToken(root, "root-api", Set.of("api"), null);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clean() {
        gitlab.faults().reset();
        gitlab.clearRequestLog();
    }

    @Test
    void versionAndMetadataReportTheConfiguredVersion() {
        Http http = new Http(gitlab, apiToken);
        Http.Answer version = http.get("/api/v4/version");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.json().get("version").asText()).isEqualTo("17.8.2-ee");
        assertThat(version.json().has("revision")).isTrue();
        assertThat(version.header("Content-Type")).startsWith("application/json");

        Http.Answer metadata = http.get("/api/v4/metadata");
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().get("enterprise").asBoolean()).isTrue();
        assertThat(metadata.json().get("kas").get("enabled").asBoolean()).isFalse();
    }

    @Test
    void baseUrlIsLoopbackWithoutTrailingSlash() {
        assertThat(gitlab.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + gitlab.port());
        assertThat(gitlab.port()).isPositive();
    }

    @Test
    void currentUserAnswersForPrivateTokenAndBearer() {
        Http.Answer viaHeader = new Http(gitlab, apiToken).get("/api/v4/user");
        assertThat(viaHeader.status()).isEqualTo(200);
        assertThat(viaHeader.json().get("username").asText()).isEqualTo("root");
        assertThat(viaHeader.json().get("is_admin").asBoolean()).isTrue();
        assertThat(viaHeader.json().get("id").asLong()).isEqualTo(root.id());

        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(gitlab.baseUrl() + "/api/v4/user"))
                .header("Authorization", "Bearer " + apiToken)
                .build();
        try {
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"username\":\"root\"");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unknownOrMissingTokenIs401WithGitLabBody() {
        Http.Answer unknown = new Http(gitlab, "glpat-doesnotexist000000").get("/api/v4/user");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");

        Http.Answer none = new Http(gitlab, null).get("/api/v4/version");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
    }

    @Test
    void revokedAndExpiredTokensAre401InvalidToken() {
        SimUser alice = gitlab.createUser("alice-" + System.nanoTime(), false);
        String revoked = gitlab.createPersonalAccessToken(alice, "old", Set.of("api"), null);
        gitlab.revokeToken(revoked);
        Http.Answer r = new Http(gitlab, revoked).get("/api/v4/user");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(r.json().get("error_description").asText()).contains("revoked");

        String expiring = gitlab.createPersonalAccessToken(
                alice,
                "expiring",
                Set.of("api"),
                LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2));
        assertThat(new Http(gitlab, expiring).get("/api/v4/user").status()).isEqualTo(200);
        gitlab.advanceClock(Duration.ofDays(2));
        try {
            Http.Answer e = new Http(gitlab, expiring).get("/api/v4/user");
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.json().get("error_description").asText()).contains("expired");
        } finally {
            gitlab.advanceClock(Duration.ofDays(-2));
        }
    }

    @Test
    void missingScopeIs403InsufficientScope() {
        String readRepo = gitlab.createPersonalAccessToken(root, "repo-only", Set.of("read_repository"), null);
        Http.Answer answer = new Http(gitlab, readRepo).get("/api/v4/projects");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("error").asText()).isEqualTo("insufficient_scope");
        assertThat(answer.json().get("error_description").asText())
                .isEqualTo("The request requires higher privileges than provided by the access token.");
        assertThat(answer.json().get("scope").asText()).contains("api");

        String readApi = gitlab.createPersonalAccessToken(root, "read-api", Set.of("read_api"), null);
        assertThat(new Http(gitlab, readApi).get("/api/v4/projects").status()).isEqualTo(200);
        assertThat(new Http(gitlab, readApi)
                        .putForm("/api/v4/projects/1", Http.map("description", "x"))
                        .status())
                .isEqualTo(403);

        String readUser = gitlab.createPersonalAccessToken(root, "read-user", Set.of("read_user"), null);
        assertThat(new Http(gitlab, readUser).get("/api/v4/user").status()).isEqualTo(200);
        assertThat(new Http(gitlab, readUser).get("/api/v4/version").status()).isEqualTo(200);
        assertThat(new Http(gitlab, readUser).get("/api/v4/groups").status()).isEqualTo(403);
    }

    @Test
    void unknownRouteIsGrape404AndWrongMethodIs405() {
        Http http = new Http(gitlab, apiToken);
        Http.Answer missing = http.get("/api/v4/nothing/here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"404 Not Found\"}");
        Http.Answer wrongMethod = http.delete("/api/v4/version");
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    @Test
    void failNextFailsExactlyNTimesThenRecovers() {
        gitlab.faults().failNext("GET", "/version", 2, 503);
        Http http = new Http(gitlab, apiToken);
        Http.Answer first = http.get("/api/v4/version");
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.json().get("message").asText()).isEqualTo("503 Service Unavailable");
        assertThat(http.get("/api/v4/user").status()).isEqualTo(200);
        assertThat(http.get("/api/v4/version").status()).isEqualTo(503);
        assertThat(http.get("/api/v4/version").status()).isEqualTo(200);
    }

    @Test
    void failNextMatchesMethodAndWholePath() {
        gitlab.faults().failNext("POST", "/version", 1, 500);
        Http http = new Http(gitlab, apiToken);
        assertThat(http.get("/api/v4/version").status()).isEqualTo(200);
        gitlab.faults().failNext(null, "/ver", 1, 500);
        assertThat(http.get("/api/v4/version").status()).isEqualTo(200);
        gitlab.faults().failNext("*", "/vers.*", 1, 502);
        assertThat(http.get("/api/v4/version").status()).isEqualTo(502);
    }

    @Test
    void errorRateOneFailsEverythingMatchingAndZeroRemovesIt() {
        gitlab.faults().setErrorRate("GET", "/user", 1.0, 500);
        Http http = new Http(gitlab, apiToken);
        assertThat(http.get("/api/v4/user").status()).isEqualTo(500);
        assertThat(http.get("/api/v4/version").status()).isEqualTo(200);
        gitlab.faults().setErrorRate("GET", "/user", 0, 500);
        assertThat(http.get("/api/v4/user").status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysAnswers() {
        gitlab.faults().setLatency(Duration.ofMillis(150), Duration.ZERO);
        long start = System.nanoTime();
        assertThat(new Http(gitlab, apiToken).get("/api/v4/version").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void requestLogRecordsWhatWasSentWithoutSecrets() {
        Http http = new Http(gitlab, apiToken);
        http.get("/api/v4/version?private_token_hint=1&per_page=5");
        http.postForm(
                "/api/v4/projects/999/remote_mirrors",
                Http.map("url", "https://user:glpat-secretsecret@127.0.0.1:1/a/b.git", "enabled", "true"));
        new Http(gitlab, "glpat-notknown").get("/api/v4/user");

        assertThat(gitlab.requestLog()).hasSize(3);
        RequestLogEntry version = gitlab.requestLog().get(0);
        assertThat(version.method()).isEqualTo("GET");
        assertThat(version.path()).isEqualTo("/api/v4/version");
        assertThat(version.apiPath()).isEqualTo("/version");
        assertThat(version.query()).containsEntry("per_page", "5");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.tokenName()).isEqualTo("root-api");

        RequestLogEntry mirror = gitlab.requestLog().get(1);
        assertThat(mirror.body().get("url")).isEqualTo("https://*****:*****@127.0.0.1:1/a/b.git");
        assertThat(mirror.body().get("enabled")).isEqualTo("true");
        assertThat(mirror.status()).isEqualTo(404);
        assertThat(mirror.toString()).doesNotContain("secretsecret").doesNotContain(apiToken);

        assertThat(gitlab.requestLog().get(2).tokenName()).isEqualTo("<unknown>");
        assertThat(gitlab.requestLog().get(2).status()).isEqualTo(401);

        gitlab.clearRequestLog();
        assertThat(gitlab.requestLog()).isEmpty();
    }

    @Test
    void adminApiNeedsNoTokenAndServesLogStateAndFaults() {
        Http admin = new Http(gitlab, null);
        new Http(gitlab, apiToken).get("/api/v4/version");
        Http.Answer log = admin.get("/-/sim/requests");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.json().get(0).get("token_name").asText()).isEqualTo("root-api");
        assertThat(log.body()).doesNotContain(apiToken);

        assertThat(admin.postJson(
                                "/-/sim/faults/fail-next",
                                Http.map("method", "GET", "path_regex", "/user", "times", 1, "status", 502))
                        .status())
                .isEqualTo(200);
        assertThat(new Http(gitlab, apiToken).get("/api/v4/user").status()).isEqualTo(502);

        Http.Answer state = admin.get("/-/sim/state");
        assertThat(state.json().get("instance").get("name").asText()).isEqualTo("core");
        assertThat(state.body()).doesNotContain(apiToken);
        assertThat(admin.get("/-/sim/state?secrets=true").body()).contains(apiToken);

        assertThat(admin.delete("/-/sim/requests").status()).isEqualTo(204);
        assertThat(gitlab.requestLog()).isEmpty();
    }
}
