package io.mirrormaestro.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.testing.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

class UiRoutesTest extends ApiIntegrationTest {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"/mirrors?status=failed", "/pairs/3", "/mirrors", "/batches/12/lines", "/activity/"})
    void aDeepLinkOpensTheUi(String path) throws Exception {
        HttpResponse<String> index = get("/index.html", BROWSER_ACCEPT, true);
        assertThat(index.statusCode()).isEqualTo(200);

        HttpResponse<String> page = get(path, BROWSER_ACCEPT, true);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).isEqualTo(index.body()).contains("<div id=\"app\">");
        assertThat(get(path, "*/*", true).body()).as("curl's Accept too").isEqualTo(index.body());
    }

    @ParameterizedTest
    @CsvSource({
        "/api/nope, 404",
        "/api/mirrors/999999, 404",
        "/assets/missing.js, 404",
        "/favicon.ico, 404",
        "/actuator/health, 200",
        "/openapi.json, 200",
        "/redoc, 200"
    })
    void theApiFilesAndDocsAreNotUiRoutes(String path, int status) throws Exception {
        HttpResponse<String> response = get(path, "*/*", true);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("<div id=\"app\">");
        if (path.startsWith("/api/")) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void theUiFilesAreServedAsTheyAre() throws Exception {
        HttpResponse<String> index = get("/", BROWSER_ACCEPT, true);
        assertThat(index.statusCode()).isEqualTo(200);
        String script = index.body().replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        assertThat(script).startsWith("/assets/");

        HttpResponse<String> asset = get(script, "*/*", true);

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    }

    @Test
    void aBrowserWithoutCredentialsGetsTheUiWhichSignsInByItself() throws Exception {
        HttpResponse<String> page = get("/mirrors/3", BROWSER_ACCEPT, false);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<div id=\"app\"");
        HttpResponse<String> api = get("/api/mirrors", BROWSER_ACCEPT, false);
        assertThat(api.statusCode())
                .as("a browser opening an API path directly")
                .isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(api.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(api.body()).contains("Sign-in required").contains("/sign-in");
    }

    @Test
    void anApiClientWithoutCredentialsGetsThePlain401() throws Exception {
        HttpResponse<String> response = get("/api/mirrors", "application/json", false);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(response.body()).doesNotContain("Sign-in required");
        assertThat(get("/api/mirrors", "*/*", false).body()).doesNotContain("Sign-in required");
    }

    private HttpResponse<String> get(String path, String accept, boolean signedIn) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept);
        if (signedIn) {
            request.header("Authorization", ApiClient.basic(USER, PASSWORD));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
