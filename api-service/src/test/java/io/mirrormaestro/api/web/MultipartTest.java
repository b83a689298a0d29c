package io.mirrormaestro.api.web;

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

/** No endpoint takes multipart/form-data: a malformed one (no boundary) is a 415 problem, never a 500. */
class MultipartTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/api/pairs", "/api/export/pair/1"})
    void multipartWithoutABoundaryIsAnUnsupportedMediaTypeProblem(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", ApiClient.basic(USER, PASSWORD))
                                .header("Content-Type", "multipart/form-data")
                                .POST(HttpRequest.BodyPublishers.ofString("x"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ApiClient.JSON.readTree(response.body()).path("detail").asString())
                .contains("multipart/form-data")
                .contains("not supported");
    }
}
