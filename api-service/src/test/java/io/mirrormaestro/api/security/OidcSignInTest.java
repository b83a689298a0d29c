package io.mirrormaestro.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.api.user.UserAccount;
import io.mirrormaestro.testing.ApiClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * OpenID Connect sign-in against a real provider (mock-oauth2-server, on loopback in this JVM): the browser's round
 * trip through the provider ends in a session whose role comes from the {@code groups} claim.
 */
class OidcSignInTest extends ApiIntegrationTest {

    private static final String ISSUER = "corp";
    private static final String CLIENT = "mirror-maestro";
    private static final MockOAuth2Server PROVIDER = started();

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("mm.api.oidc.issuer-uri", () -> PROVIDER.issuerUrl(ISSUER).toString());
        registry.add("mm.api.oidc.client-id", () -> CLIENT);
        registry.add("mm.api.oidc.client-secret", () -> "test-client-secret");
        registry.add("mm.api.oidc.role-claim", () -> "groups");
    }

    @AfterAll
    static void stop() {
        PROVIDER.shutdown();
    }

    @Test
    void aUserSignsInThroughTheProviderWithTheRoleItsClaimNames() throws Exception {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER,
                "subject-1",
                "JWT",
                List.of(CLIENT),
                Map.of("preferred_username", "carol", "groups", List.of("staff", "operator")),
                3600));
        HttpClient browser = browser();

        HttpResponse<String> landed = signIn(browser);

        assertThat(landed.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        JsonNode me = me(browser);
        assertThat(me.get("username").asString()).isEqualTo("carol");
        assertThat(me.get("role").asString()).isEqualTo("operator");
        assertThat(me.get("method").asString()).isEqualTo("session");
        assertThat(me.get("csrf_token").asString()).isNotBlank();
        UserAccount recorded = mongo.findById("carol", UserAccount.class);
        assertThat(recorded.source()).isEqualTo("oidc");
        assertThat(recorded.role()).isEqualTo("operator");
        assertThat(recorded.passwordHash()).isNull();
        assertThat(send(browser, "GET", "/api/users").statusCode())
                .as("an operator")
                .isEqualTo(403);
        assertThat(ApiClient.JSON
                        .readTree(send(browser(), "GET", "/api/auth/options").body())
                        .get("oidc_login_url")
                        .asString())
                .isEqualTo("/oauth2/authorization/oidc");
    }

    @Test
    void aUserWhoseClaimNamesNoRoleIsTurnedAway() throws Exception {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER,
                "subject-2",
                "JWT",
                List.of(CLIENT),
                Map.of("preferred_username", "dave", "groups", "staff"),
                3600));
        HttpClient browser = browser();

        HttpResponse<String> landed = signIn(browser);

        assertThat(landed.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/sign-in?error=oidc"));
        assertThat(send(browser, "GET", "/api/auth/me").statusCode()).isEqualTo(401);
        assertThat(mongo.findById("dave", UserAccount.class)).isNull();
    }

    /** Our start, the provider's authorize endpoint, our callback: the answer of the callback. */
    private HttpResponse<String> signIn(HttpClient browser) throws Exception {
        HttpResponse<String> start = send(browser, "GET", "/oauth2/authorization/oidc");
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(PROVIDER.issuerUrl(ISSUER).toString());
        HttpResponse<String> provider = browser.send(
                HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(provider.statusCode()).as(provider.body()).isEqualTo(302);
        String callback = provider.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith("http://127.0.0.1:" + port + "/login/oauth2/code/oidc");
        HttpResponse<String> landed = browser.send(
                HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(302);
        return landed;
    }

    private JsonNode me(HttpClient browser) throws Exception {
        HttpResponse<String> me = send(browser, "GET", "/api/auth/me");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        return ApiClient.JSON.readTree(me.body());
    }

    private HttpResponse<String> send(HttpClient browser, String method, String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("X-Requested-With", "XMLHttpRequest")
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
