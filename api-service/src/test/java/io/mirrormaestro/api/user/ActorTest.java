package io.mirrormaestro.api.user;

import static io.mirrormaestro.api.GitLabFixture.GITLAB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a user does is recorded with the user's name, whichever way they signed in, and found by it. */
class ActorTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void configurationChangesAndCommandsRecordWhoAskedForThem() {
        String name = "actor-" + UUID.randomUUID().toString().substring(0, 8);
        new Browser(port)
                .basic(USER, PASSWORD)
                .post(
                        "/api/users",
                        "{\"username\":\"" + name + "\",\"password\":\"actor-password\",\"role\":\"operator\"}");
        String token = new Browser(port)
                .basic(name, "actor-password")
                .post("/api/users/me/tokens", "{\"name\":\"script\"}")
                .body()
                .get("token")
                .asString();
        Browser script = new Browser(port).authorization("Bearer " + token);

        Browser.Answer instance = script.post(
                "/api/instances",
                "{\"name\":\"" + name + "\",\"url\":\"" + GITLAB.url() + "\",\"token\":\"" + GITLAB.apiToken + "\"}");
        assertThat(instance.status()).as(instance.raw().body()).isEqualTo(200);
        long id = instance.body().get("id").asLong();
        Browser.Answer check = script.post("/api/instances/" + id + "/check", null);
        assertThat(check.status()).as(check.raw().body()).isEqualTo(202);
        String commandId = check.body().get("command_id").asString();

        Browser admin = new Browser(port).basic(USER, PASSWORD);
        Browser.Answer mine = admin.get("/api/activity?actor=" + name);
        assertThat(mine.body().valueStream().map(e -> e.get("type").asString())).contains("CommandAccepted");
        assertThat(mine.body().valueStream())
                .allMatch(e -> name.equals(e.get("actor").asString()));
        assertThat(mine.body().size()).isGreaterThanOrEqualTo(2);
        assertThat(admin.get("/api/commands/" + commandId).body().get("actor").asString())
                .isEqualTo(name);
    }
}
