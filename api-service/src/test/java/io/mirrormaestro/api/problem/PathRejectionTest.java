package io.mirrormaestro.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.api.web.RawHttp;
import io.mirrormaestro.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Paths with encoded control characters, slashes or dot segments are refused by Tomcat while parsing or by Spring
 * Security's firewall: either way the answer is a 400 problem, not an HTML page. Sent as raw bytes over a socket,
 * since HTTP clients (and MockMvc) normalise or refuse such paths before they leave.
 */
class PathRejectionTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({
        "/api/pairs/%00, true",
        "/api/pairs/..%2f, true",
        "/api/mirrors/%0a, true",
        "/api/%2e%2e/x, true",
        "/api/pairs/%00, false",
        "/api/mirrors/%0a, false",
        "/api/pairs/a%2fb, false",
        "/api/pairs/%25, true",
        "/api/pairs/a;b, true"
    })
    void aRejectedPathIsAProblem(String path, boolean signedIn) throws Exception {
        RawHttp.Response response = get(path, signedIn);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.header("content-type")).as(response.text()).startsWith("application/problem+json");
        JsonNode problem = ApiClient.JSON.readTree(response.json());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).contains("path is not allowed");
    }

    @Test
    void answersTheApplicationGaveAreLeftAlone() throws Exception {
        RawHttp.Response unauthorized = get("/api/pairs", false);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.text())
                .as("the plain 401 API clients always had")
                .doesNotContain("{");
        RawHttp.Response missing = get("/api/pairs/999999999", true);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).contains("instance pair 999999999 not found");
    }

    private RawHttp.Response get(String path, boolean signedIn) throws Exception {
        return RawHttp.get(port, path, signedIn ? ApiClient.basic(USER, PASSWORD) : null, null);
    }
}
