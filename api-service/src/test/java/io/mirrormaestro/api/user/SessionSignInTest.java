package io.mirrormaestro.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class SessionSignInTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aBrowserSignsInWithASessionAndItsWritesCarryTheCsrfToken() {
        Browser browser = new Browser(port);
        Browser.Answer before = browser.get("/api/auth/me");
        assertThat(before.status()).isEqualTo(401);
        assertThat(before.raw().headers().firstValue("WWW-Authenticate"))
                .as("no Basic prompt for the UI's requests")
                .isEmpty();
        assertThat(before.contentType()).startsWith("application/problem+json");

        Browser.Answer login =
                browser.post("/api/auth/login", "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        assertThat(login.raw().headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("MM_SESSION=").contains("HttpOnly"));
        String csrf = login.body().get("csrf_token").asString();
        assertThat(csrf).isNotBlank();
        assertThat(login.body().get("role").asString()).isEqualTo("admin");

        Browser.Answer me = browser.get("/api/auth/me");
        assertThat(me.body().get("username").asString()).isEqualTo(USER);
        assertThat(me.body().get("method").asString()).isEqualTo("session");
        assertThat(me.body().get("csrf_token").asString()).isEqualTo(csrf);
        assertThat(browser.get("/api/instances").status()).isEqualTo(200);

        Browser.Answer withoutToken = browser.post("/api/instances", "{}");
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.body().get("detail").asString()).contains("CSRF");
        browser.headers.put("X-CSRF-TOKEN", "forged");
        assertThat(browser.post("/api/instances", "{}").status()).isEqualTo(403);
        browser.headers.put("X-CSRF-TOKEN", csrf);
        assertThat(browser.post("/api/instances", "{}").status())
                .as("passes the CSRF check, then fails validation")
                .isEqualTo(422);

        assertThat(browser.post("/api/auth/logout", null).status()).isEqualTo(204);
        assertThat(browser.get("/api/instances").status()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsA401ProblemAndCountsTowardsTheThrottle() {
        Browser browser = new Browser(port);

        Browser.Answer wrong =
                browser.post("/api/auth/login", "{\"username\":\"" + USER + "\",\"password\":\"wrong\"}");
        Browser.Answer unknown = browser.post("/api/auth/login", "{\"username\":\"nobody\",\"password\":\"wrong\"}");
        Browser.Answer empty = browser.post("/api/auth/login", "{\"username\":\"\",\"password\":\"x\"}");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.body().get("detail").asString()).isEqualTo("wrong user name or password");
        assertThat(unknown.body().get("detail").asString()).as("same answer").isEqualTo("wrong user name or password");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(browser.get("/api/auth/options").body().get("oidc").asBoolean())
                .isFalse();
    }

    @Test
    void aChangedRoleOrADeletedUserAppliesToAnOpenSession() {
        String name = "session-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Browser admin = new Browser(port).basic(USER, PASSWORD);
        admin.post(
                "/api/users",
                "{\"username\":\"" + name + "\",\"password\":\"session-password\",\"role\":\"operator\"}");
        Browser browser = new Browser(port);
        String csrf = browser.post(
                        "/api/auth/login", "{\"username\":\"" + name + "\",\"password\":\"session-password\"}")
                .body()
                .get("csrf_token")
                .asString();
        browser.headers.put("X-CSRF-TOKEN", csrf);
        assertThat(browser.post("/api/instances", "{}").status()).isEqualTo(422);

        admin.put("/api/users/" + name + "/role", "{\"role\":\"viewer\"}");

        assertThat(browser.post("/api/instances", "{}").status()).isEqualTo(403);
        assertThat(browser.get("/api/auth/me").body().get("role").asString()).isEqualTo("viewer");

        admin.delete("/api/users/" + name);

        assertThat(browser.get("/api/instances").status()).isEqualTo(401);
    }

    @Test
    void theMetricsUserCannotSignInToTheUi() {
        Browser.Answer login = new Browser(port)
                .post("/api/auth/login", "{\"username\":\"metrics\",\"password\":\"" + METRICS_PASSWORD + "\"}");

        assertThat(login.status()).isEqualTo(403);
    }
}
