package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue #17, points 8 and 10: /version, authentication headers, scope lists and group tokens' "self". */
class ApiSurfaceFidelityTest {
    static GitLabSimulator sim;
    static SimulatedInstance gitlab;
    static String apiToken;
    static String readUserToken;
    static String platformToken;
    static SimGroup platform;
    static SimGroup frontend;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        gitlab = sim.addInstance(InstanceOptions.of("surface"));
        SimUser root = gitlab.createUser("root", true);
        apiToken = gitlab.createPersonalAccessToken(root, "api", Set.of("api"), null);
        readUserToken = gitlab.createPersonalAccessToken(root, "profile", Set.of("read_repository"), null);
        platform = gitlab.createGroup("platform");
        frontend = gitlab.createGroup("frontend");
        gitlab.setVisibility(frontend, "internal"); // visible to the bot, so the answer is about the token
        platformToken = gitlab.createGroupAccessToken(
                platform,
                "bot",
                Set.of("read_api"),
                40,
                LocalDate.now(ZoneOffset.UTC).plusDays(30));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** "As of GitLab 15.5, the Version API is a mirror of the Metadata API" (doc/api/version.md). */
    @Test
    void versionReturnsTheMetadataFields() {
        Http http = new Http(gitlab, apiToken);
        Http.Answer version = http.get("/api/v4/version");
        Http.Answer metadata = http.get("/api/v4/metadata");

        assertThat(version.json()).isEqualTo(metadata.json());
        assertThat(version.json().fieldNames())
                .toIterable()
                .containsExactly("version", "revision", "kas", "enterprise");
    }

    @Test
    void versionBefore155HasVersionAndRevisionOnly() {
        try (GitLabSimulator other = GitLabSimulator.create()) {
            SimulatedInstance old = other.addInstance(InstanceOptions.of("old").withVersion("15.4.6-ee"));
            String token = old.createPersonalAccessToken(old.createUser("root", true), "t", Set.of("api"), null);
            assertThat(new Http(old, token).get("/api/v4/version").json().fieldNames())
                    .toIterable()
                    .containsExactly("version", "revision");
        }
    }

    /**
     * lib/api/api_guard.rb: the insufficient_scope answer is rack-oauth2's Bearer::Forbidden, which carries no
     * WWW-Authenticate (only Bearer::Unauthorized does, for invalid_token); its scope list comes in one fixed order.
     */
    @Test
    void insufficientScopeHasNoWwwAuthenticateAndAStableScopeOrder() {
        Http http = new Http(gitlab, readUserToken);
        Http.Answer first = http.get("/api/v4/projects");
        Http.Answer second = http.get("/api/v4/projects");

        assertThat(first.status()).isEqualTo(403);
        assertThat(first.header("WWW-Authenticate")).isNull();
        assertThat(first.json().get("scope").asText()).isEqualTo("api read_api");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(http.get("/api/v4/user").json().get("scope").asText()).isEqualTo("api read_api read_user");
    }

    @Test
    void wwwAuthenticateOnlyOnInvalidToken() {
        SimUser user = gitlab.user("root").orElseThrow();
        String revoked = gitlab.createPersonalAccessToken(user, "gone", Set.of("api"), null);
        gitlab.revokeToken(revoked);

        Http.Answer invalid = new Http(gitlab, revoked).get("/api/v4/version");
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(invalid.header("WWW-Authenticate")).startsWith("Bearer realm=\"\", error=\"invalid_token\"");

        Http.Answer unknown = new Http(gitlab, "not-a-token-at-all").get("/api/v4/version");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
        assertThat(unknown.header("WWW-Authenticate")).isNull();
    }

    /** GET /groups/:id/access_tokens/self with a token of another group: 401, not 404 (lib/api/resource_access_tokens.rb). */
    @Test
    void selfOfAnotherGroupIs401() {
        Http http = new Http(gitlab, platformToken);
        assertThat(http.get("/api/v4/groups/" + platform.id() + "/access_tokens/self")
                        .status())
                .isEqualTo(200);

        Http.Answer other = http.get("/api/v4/groups/" + frontend.id() + "/access_tokens/self");
        assertThat(other.status()).isEqualTo(401);
        assertThat(other.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
    }
}
