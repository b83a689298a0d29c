package io.mirrormaestro.api.estate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.testing.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** The read views' tests: a client and, before each test, an estate of its own seeded into the shared database. */
abstract class EstateApiTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    ApiClient api;
    SeededEstate estate;

    @BeforeEach
    void seedEstate() {
        api = new ApiClient(port, USER, PASSWORD);
        estate = new SeededEstate(mongo);
    }

    /** The body of a 200 answer; anything else fails the test with the answer's text. */
    JsonNode ok(String path) {
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }
}
