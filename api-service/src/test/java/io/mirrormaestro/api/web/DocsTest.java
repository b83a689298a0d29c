package io.mirrormaestro.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

class DocsTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDescriptionCoversTheOriginalPathsInSnakeCase() {
        ApiClient api = new ApiClient(port, USER, PASSWORD);
        JsonNode spec = api.get("/openapi.json").body();

        assertThat(spec.path("paths").propertyNames())
                .contains(
                        "/api/instances",
                        "/api/instances/{id}",
                        "/api/instances/{id}/projects",
                        "/api/pairs",
                        "/api/pairs/{id}",
                        "/api/tokens",
                        "/api/tokens/{id}",
                        "/api/group-defaults",
                        "/api/group-defaults/{id}",
                        "/api/commands/{id}");
        assertThat(spec.path("components").path("schemas").toString())
                .contains("\"source_instance_id\"")
                .doesNotContain("\"sourceInstanceId\"");
    }

    @Test
    void swaggerUiAndRedocAreServed() {
        ApiClient api = new ApiClient(port, USER, PASSWORD);

        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(api.get("/docs").status()).isIn(200, 302);
        ApiClient.Response redoc = api.get("/redoc");
        assertThat(redoc.status()).isEqualTo(200);
        assertThat(redoc.text()).contains("/openapi.json");
        assertThat(api.get("/webjars/redoc/2.1.5/redoc.standalone.js").status()).isEqualTo(200);
        assertThat(new ApiClient(port, USER, "wrong").get("/openapi.json").status())
                .isEqualTo(401);
    }
}
