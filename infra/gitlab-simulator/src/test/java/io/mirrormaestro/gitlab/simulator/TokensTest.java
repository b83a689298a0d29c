package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Group/project access tokens, personal token self endpoints, rotation and reuse detection. */
class TokensTest {
    static GitLabSimulator sim;
    static SimulatedInstance gitlab;
    static String ownerToken;
    static String maintainerToken;
    static SimGroup group;
    static SimProject project;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        gitlab = sim.addInstance(InstanceOptions.of("tokens"));
        group = gitlab.createGroup("platform");
        project = gitlab.createProject("platform/api");
        SimUser owner = gitlab.createUser("owner", false);
        gitlab.addMember(group, owner, 50);
        ownerToken = gitlab.createPersonalAccessToken(owner, "owner", Set.of("api"), null);
        SimUser maintainer = gitlab.createUser("maintainer", false);
        gitlab.addMember(group, maintainer, 40);
        maintainerToken = gitlab.createPersonalAccessToken(maintainer, "maintainer", Set.of("api"), null);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static Http owner() {
        return new Http(gitlab, ownerToken);
    }

    private static JsonNode createGroupToken(String name) {
        Http.Answer created = owner().postJson(
                        "/api/v4/groups/platform/access_tokens",
                        Http.map(
                                "name",
                                name,
                                "scopes",
                                List.of("api", "write_repository"),
                                "access_level",
                                40,
                                "expires_at",
                                LocalDate.now(ZoneOffset.UTC).plusDays(30).toString()));
        assertThat(created.status()).isEqualTo(201);
        return created.json();
    }

    @Test
    void groupTokenLifecycle() {
        JsonNode token = createGroupToken("lifecycle");
        assertThat(token.get("token").asText()).startsWith("glpat-");
        assertThat(token.get("access_level").asInt()).isEqualTo(40);
        assertThat(token.get("active").asBoolean()).isTrue();
        assertThat(token.get("revoked").asBoolean()).isFalse();
        long id = token.get("id").asLong();

        JsonNode fetched =
                owner().get("/api/v4/groups/platform/access_tokens/" + id).json();
        assertThat(fetched.get("name").asText()).isEqualTo("lifecycle");
        assertThat(fetched.has("token")).isFalse();
        assertThat(owner().get("/api/v4/groups/platform/access_tokens").json())
                .extracting(t -> t.get("id").asLong())
                .contains(id);

        assertThat(owner().delete("/api/v4/groups/platform/access_tokens/" + id).status())
                .isEqualTo(204);
        assertThat(owner().get("/api/v4/groups/platform/access_tokens/" + id)
                        .json()
                        .get("revoked")
                        .asBoolean())
                .isTrue();
        assertThat(new Http(gitlab, token.get("token").asText())
                        .get("/api/v4/user")
                        .status())
                .isEqualTo(401);
        assertThat(owner().get("/api/v4/groups/platform/access_tokens?state=active")
                        .json())
                .extracting(t -> t.get("id").asLong())
                .doesNotContain(id);
    }

    @Test
    void formEncodedScopesLikeGitlab4j() {
        Http.Answer created = owner().postForm(
                        "/api/v4/groups/platform/access_tokens",
                        Http.map("name", "form", "scopes[]", "read_repository", "access_level", 30));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("scopes")).extracting(JsonNode::asText).containsExactly("read_repository");
        assertThat(created.json().get("expires_at").asText())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(365).toString());
    }

    @Test
    void permissionsAndValidation() {
        Http maintainer = new Http(gitlab, maintainerToken);
        assertThat(maintainer.get("/api/v4/groups/platform/access_tokens").status())
                .isEqualTo(401);
        Http.Answer create = maintainer.postJson(
                "/api/v4/groups/platform/access_tokens", Http.map("name", "x", "scopes", List.of("api")));
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.json().get("message").asText())
                .isEqualTo("400 Bad request - User does not have permission to create group access token");
        Http.Answer missing = owner().postJson("/api/v4/groups/platform/access_tokens", Http.map());
        assertThat(missing.json().get("error").asText()).isEqualTo("name is missing, scopes is missing");
        Http.Answer badScope = owner().postJson(
                        "/api/v4/groups/platform/access_tokens", Http.map("name", "x", "scopes", List.of("sudo")));
        assertThat(badScope.json().get("error").asText()).isEqualTo("scopes does not have a valid value");
        Http.Answer unknown = owner().get("/api/v4/groups/platform/access_tokens/999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText())
                .isEqualTo("404 Could not find group access token with token_id: 999999 Not Found");
    }

    @Test
    void rotationRevokesOldTokenAndReuseRevokesTheNewOne() {
        JsonNode original = createGroupToken("rotating");
        String oldValue = original.get("token").asText();
        Http.Answer rotated = owner().post("/api/v4/groups/platform/access_tokens/"
                + original.get("id").asLong() + "/rotate");
        assertThat(rotated.status()).isEqualTo(200);
        String newValue = rotated.json().get("token").asText();
        assertThat(newValue).isNotEqualTo(oldValue);
        assertThat(rotated.json().get("name").asText()).isEqualTo("rotating");
        assertThat(rotated.json().get("expires_at").asText())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(7).toString());

        assertThat(new Http(gitlab, newValue).get("/api/v4/user").status()).isEqualTo(200);
        assertThat(new Http(gitlab, oldValue).get("/api/v4/user").status()).isEqualTo(401);
        // reuse detection: the old token showed up again, so its successor is revoked too
        assertThat(new Http(gitlab, newValue).get("/api/v4/user").status()).isEqualTo(401);
        assertThat(gitlab.tokenInfo(newValue).orElseThrow().revoked()).isTrue();
    }

    @Test
    void groupTokenCanReadAndRotateItselfViaSelf() {
        String value =
                gitlab.createGroupAccessToken(group, "self-rotator", Set.of("self_rotate", "read_api"), 40, null);
        Http self = new Http(gitlab, value);
        Http.Answer info = self.get("/api/v4/groups/platform/access_tokens/self");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("name").asText()).isEqualTo("self-rotator");
        Http.Answer rotated = self.post("/api/v4/groups/platform/access_tokens/self/rotate");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(gitlab.tokenInfo(value).orElseThrow().revoked()).isTrue();
        String fresh = rotated.json().get("token").asText();
        assertThat(new Http(gitlab, fresh)
                        .get("/api/v4/groups/platform/access_tokens/self")
                        .status())
                .isEqualTo(200);
        // a group token may not rotate another token
        long other = createGroupToken("victim").get("id").asLong();
        assertThat(new Http(gitlab, fresh)
                        .post("/api/v4/groups/platform/access_tokens/" + other + "/rotate")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void projectAccessTokensNeedMaintainer() {
        Http maintainer = new Http(gitlab, maintainerToken);
        Http.Answer created = maintainer.postForm(
                "/api/v4/projects/" + Http.enc("platform/api") + "/access_tokens",
                Http.map("name", "deploy", "scopes[]", "read_repository", "access_level", 30));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(maintainer
                        .get("/api/v4/projects/" + project.id() + "/access_tokens")
                        .json())
                .hasSize(1);
        assertThat(maintainer
                        .post("/api/v4/projects/" + project.id() + "/access_tokens/" + id + "/rotate")
                        .status())
                .isEqualTo(200);
        Http.Answer tooHigh = maintainer.postForm(
                "/api/v4/projects/" + project.id() + "/access_tokens",
                Http.map("name", "owner-ish", "scopes[]", "api", "access_level", 50));
        assertThat(tooHigh.status()).isEqualTo(400);
    }

    @Test
    void personalTokenSelfAndSelfRotation() {
        SimUser bob = gitlab.createUser("bob", false);
        String value = gitlab.createPersonalAccessToken(bob, "bob-cli", Set.of("read_user"), null);
        Http bobHttp = new Http(gitlab, value);
        JsonNode self = bobHttp.get("/api/v4/personal_access_tokens/self").json();
        assertThat(self.get("name").asText()).isEqualTo("bob-cli");
        assertThat(self.get("scopes")).extracting(JsonNode::asText).containsExactly("read_user");
        assertThat(self.get("user_id").asLong()).isEqualTo(bob.id());
        assertThat(self.has("token")).isFalse();

        Http.Answer forbidden = bobHttp.post("/api/v4/personal_access_tokens/self/rotate");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("error").asText()).isEqualTo("insufficient_scope");

        String rotatable = gitlab.createPersonalAccessToken(bob, "bob-rotate", Set.of("self_rotate"), null);
        Http.Answer rotated = new Http(gitlab, rotatable)
                .postForm(
                        "/api/v4/personal_access_tokens/self/rotate",
                        Http.map(
                                "expires_at",
                                LocalDate.now(ZoneOffset.UTC).plusDays(10).toString()));
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("token").asText()).startsWith("glpat-");
        assertThat(rotated.json().get("expires_at").asText())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(10).toString());
        assertThat(new Http(gitlab, rotatable)
                        .get("/api/v4/personal_access_tokens/self")
                        .status())
                .isEqualTo(401);
    }
}
