package io.mirrormaestro.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.testing.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

class SecurityHeadersTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/", "/mirrors", "/api/pairs", "/docs", "/swagger-ui/index.html", "/redoc"})
    void everyAnswerCarriesTheSecurityHeaders(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).as(response.body()).isLessThan(400);
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp)
                .contains(
                        "default-src 'self'",
                        "script-src 'self';",
                        "style-src 'self' 'unsafe-inline'",
                        "img-src 'self' data:",
                        "connect-src 'self' ws: wss:",
                        "frame-ancestors 'none'",
                        "base-uri 'self'",
                        "form-action 'self'")
                .doesNotContain("unsafe-eval");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        if (path.equals("/redoc")) {
            assertThat(csp).as("ReDoc's search worker").contains("worker-src 'self' blob:");
        } else {
            assertThat(csp).doesNotContain("blob:");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/pairs", "/api/users"})
    void refusalsCarryThemToo(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", ApiClient.basic(USER, PASSWORD))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
