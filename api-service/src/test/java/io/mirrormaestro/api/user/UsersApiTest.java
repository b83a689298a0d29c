package io.mirrormaestro.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

class UsersApiTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private Browser admin() {
        return new Browser(port).basic(USER, PASSWORD);
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theSettingsUserIsTheFirstAdminStoredWithBCrypt() {
        UserAccount seeded = mongo.findById(USER, UserAccount.class);

        assertThat(seeded).isNotNull();
        assertThat(seeded.role()).isEqualTo("admin");
        assertThat(seeded.passwordHash()).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
        Browser.Answer me = admin().get("/api/auth/me");
        assertThat(me.body().get("role").asString()).isEqualTo("admin");
        assertThat(me.body().get("permissions").toString()).contains("users", "backup");
        assertThat(me.body().get("method").asString()).isEqualTo("basic");
    }

    @Test
    void anAdminCreatesChangesResetsAndDeletesUsers() {
        String username = name("alice");
        Browser.Answer created = admin().post(
                        "/api/users",
                        "{\"username\":\"" + username + "\",\"password\":\"first-password\",\"role\":\"viewer\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.raw().body()).doesNotContain("first-password").doesNotContain("password_hash");
        assertThat(admin().get("/api/users").raw().body()).contains(username);

        Browser alice = new Browser(port).basic(username, "first-password");
        assertThat(alice.get("/api/instances").status()).isEqualTo(200);
        assertThat(alice.post("/api/instances", "{}").status()).isEqualTo(403);

        assertThat(admin().put("/api/users/" + username + "/role", "{\"role\":\"operator\"}")
                        .body()
                        .get("role")
                        .asString())
                .isEqualTo("operator");
        assertThat(alice.post("/api/instances", "{}").status())
                .as("an operator passes to validation")
                .isEqualTo(422);

        assertThat(admin().put("/api/users/" + username + "/password", "{\"password\":\"second-password\"}")
                        .status())
                .isEqualTo(200);
        assertThat(alice.get("/api/instances").status()).as("the old password").isEqualTo(401);
        Browser again = new Browser(port).basic(username, "second-password");
        assertThat(again.get("/api/instances").status()).isEqualTo(200);

        assertThat(admin().delete("/api/users/" + username).status()).isEqualTo(200);
        assertThat(again.get("/api/instances").status()).isEqualTo(401);
        assertThat(admin().get("/api/users/" + username).status()).isEqualTo(404);
    }

    static Stream<Arguments> badUsers() {
        return Stream.of(
                Arguments.of("{\"username\":\"\",\"password\":\"long-enough\",\"role\":\"viewer\"}", 422, "username"),
                Arguments.of(
                        "{\"username\":\"a b\",\"password\":\"long-enough\",\"role\":\"viewer\"}", 422, "username"),
                Arguments.of("{\"username\":\"bob\",\"password\":\"short\",\"role\":\"viewer\"}", 422, "password"),
                Arguments.of("{\"username\":\"bob\",\"role\":\"viewer\"}", 422, "password"),
                Arguments.of("{\"username\":\"bob\",\"password\":\"long-enough\",\"role\":\"root\"}", 422, "role"),
                Arguments.of("{\"username\":\"bob\",\"password\":\"long-enough\"}", 422, "role"),
                Arguments.of(
                        "{\"username\":\"bob\",\"password\":\"long-enough\",\"role\":\"viewer\",\"x\":1}", 422, "x"),
                Arguments.of("not json", 400, null),
                Arguments.of(
                        "{\"username\":\"" + USER + "\",\"password\":\"long-enough\",\"role\":\"viewer\"}",
                        409,
                        "username"));
    }

    @ParameterizedTest
    @MethodSource("badUsers")
    void badInputIsAProblemNamingTheField(String body, int status, String field) {
        Browser.Answer answer = admin().post("/api/users", body);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(answer.body().get("errors").toString()).contains("\"field\":\"" + field + "\"");
        }
    }

    @Test
    void everyUserChangesTheirOwnPasswordKnowingTheCurrentOne() {
        String username = name("erin");
        admin().post(
                        "/api/users",
                        "{\"username\":\"" + username + "\",\"password\":\"erin-password\",\"role\":\"viewer\"}");
        Browser erin = new Browser(port).basic(username, "erin-password");
        assertThat(erin.get("/api/users/me").body().get("role").asString()).isEqualTo("viewer");

        Browser.Answer wrong = erin.put(
                "/api/users/me/password", "{\"current_password\":\"guess\",\"password\":\"erin-new-password\"}");
        Browser.Answer tooShort =
                erin.put("/api/users/me/password", "{\"current_password\":\"erin-password\",\"password\":\"short\"}");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body().get("errors").toString()).contains("current_password");
        assertThat(tooShort.status()).isEqualTo(422);

        assertThat(erin.put(
                                "/api/users/me/password",
                                "{\"current_password\":\"erin-password\",\"password\":\"erin-new-password\"}")
                        .status())
                .isEqualTo(200);
        assertThat(new Browser(port)
                        .basic(username, "erin-new-password")
                        .get("/api/instances")
                        .status())
                .isEqualTo(200);
        assertThat(erin.get("/api/instances").status()).isEqualTo(401);
        assertThat(admin().post("/api/users", "{\"username\":\"me\",\"password\":\"long-enough\",\"role\":\"viewer\"}")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void theLastAdminCanBeNeitherDeletedNorDemoted() {
        assertThat(mongo.count(
                        org.springframework.data.mongodb.core.query.Query.query(
                                org.springframework.data.mongodb.core.query.Criteria.where("role")
                                        .is("admin")),
                        UserAccount.class))
                .as("only the seeded admin")
                .isEqualTo(1);

        Browser.Answer delete = admin().delete("/api/users/" + USER);
        Browser.Answer demote = admin().put("/api/users/" + USER + "/role", "{\"role\":\"viewer\"}");

        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.body().get("detail").asString()).contains("last admin");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(admin().put("/api/users/" + USER + "/role", "{\"role\":\"boss\"}")
                        .status())
                .isEqualTo(422);
        assertThat(admin().put("/api/users/nobody-" + UUID.randomUUID() + "/role", "{\"role\":\"viewer\"}")
                        .status())
                .isEqualTo(404);
        assertThat(admin().get("/api/auth/me").body().get("role").asString()).isEqualTo("admin");
    }

    @Test
    void apiTokensAreShownOnceStoredHashedUsableAndRevocable() {
        String username = name("robot");
        admin().post(
                        "/api/users",
                        "{\"username\":\"" + username + "\",\"password\":\"robot-password\",\"role\":\"operator\"}");
        Browser robot = new Browser(port).basic(username, "robot-password");

        Browser.Answer created = robot.post("/api/users/me/tokens", "{\"name\":\"ci\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String token = created.body().get("token").asString();
        String id = created.body().get("id").asString();
        assertThat(token).startsWith("mmt_").hasSizeGreaterThan(40);

        Browser.Answer listed = robot.get("/api/users/me/tokens");
        assertThat(listed.raw().body()).contains(id).contains("\"ci\"").doesNotContain(token);
        ApiTokenRecord stored = mongo.findById(id, ApiTokenRecord.class);
        assertThat(stored.digest()).isEqualTo(ApiTokens.digest(token)).doesNotContain(token);
        assertThat(admin().get("/api/users/me/tokens").raw().body())
                .as("each user sees their own")
                .doesNotContain(id);

        Browser bearer = new Browser(port).authorization("Bearer " + token);
        Browser.Answer me = bearer.get("/api/auth/me");
        assertThat(me.body().get("username").asString()).isEqualTo(username);
        assertThat(me.body().get("role").asString()).isEqualTo("operator");
        assertThat(me.body().get("method").asString()).isEqualTo("token");
        assertThat(bearer.post("/api/instances", "{}").status())
                .as("writes with the token need no CSRF token, and pass to validation")
                .isEqualTo(422);
        assertThat(bearer.get("/api/users").status()).as("an operator's token").isEqualTo(403);
        assertThat(new Browser(port)
                        .authorization("Bearer mmt_wrong")
                        .get("/api/instances")
                        .status())
                .isEqualTo(401);

        assertThat(robot.post("/api/users/me/tokens", "{\"name\":\"\"}").status())
                .isEqualTo(422);
        assertThat(robot.delete("/api/users/me/tokens/" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(robot.delete("/api/users/me/tokens/" + id).status()).isEqualTo(200);
        assertThat(bearer.get("/api/instances").status()).as("revoked").isEqualTo(401);
    }

    @Test
    void deletingAUserEndsItsTokens() {
        String username = name("temp");
        admin().post(
                        "/api/users",
                        "{\"username\":\"" + username + "\",\"password\":\"temp-password\",\"role\":\"viewer\"}");
        String token = new Browser(port)
                .basic(username, "temp-password")
                .post("/api/users/me/tokens", "{\"name\":\"x\"}")
                .body()
                .get("token")
                .asString();
        Browser bearer = new Browser(port).authorization("Bearer " + token);
        assertThat(bearer.get("/api/instances").status()).isEqualTo(200);
        assertThat(bearer.post("/api/instances", "{}").status())
                .as("a viewer's token reads only")
                .isEqualTo(403);

        admin().delete("/api/users/" + username);

        assertThat(bearer.get("/api/instances").status()).isEqualTo(401);
    }
}
