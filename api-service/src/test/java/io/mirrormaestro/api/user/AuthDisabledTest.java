package io.mirrormaestro.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** With MM_AUTH_ENABLED=false everyone may do everything, and the UI is told so (no sign-in page, every button). */
@TestPropertySource(properties = "mm.api.auth.enabled=false")
class AuthDisabledTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void everyoneIsAnAnonymousAdmin() {
        Browser anyone = new Browser(port);

        Browser.Answer me = anyone.get("/api/auth/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("username").asString()).isEqualTo("anonymous");
        assertThat(me.body().get("role").asString()).isEqualTo("admin");
        assertThat(me.body().get("auth_enabled").asBoolean()).isFalse();
        assertThat(anyone.post("/api/instances", "{}").status())
                .as("no credentials and no CSRF token needed: passes to validation")
                .isEqualTo(422);
        assertThat(anyone.get("/api/users").status()).isEqualTo(200);
    }
}
