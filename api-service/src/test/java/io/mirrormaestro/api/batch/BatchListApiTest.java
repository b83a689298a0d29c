package io.mirrormaestro.api.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.testing.ApiClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

class BatchListApiTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private ApiClient api;
    private long pair;
    private final Instant start = Instant.parse("2030-01-01T00:00:00Z");

    @BeforeEach
    void batches() {
        api = new ApiClient(port, USER, PASSWORD);
        // a pair id no other test uses, so this test sees only its own batches in the shared database
        pair = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
        insert("import", "completed", 0, 3, 1);
        insert("sync", "completed", 1, 5, 0);
        insert("import", "cancelled", 2, 2, 0);
        insert("disable", "completed", 3, 1, 0);
        insert("import", "completed", 4, 4, 4);
    }

    @Test
    void batchesAreListedNewestFirstWithTheirSummaries() {
        JsonNode page = api.get("/api/batches?instance_pair_id=" + pair).body();

        assertThat(page.path("total").asLong()).isEqualTo(5);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("page_size").asInt()).isEqualTo(50);
        assertThat(page.path("total_pages").asLong()).isEqualTo(1);
        assertThat(kinds(page)).containsExactly("import", "disable", "import", "sync", "import");
        JsonNode newest = page.path("batches").get(0);
        assertThat(newest.path("batch_id").asString()).isNotBlank();
        assertThat(newest.path("instance_pair_id").asLong()).isEqualTo(pair);
        assertThat(newest.path("status").asString()).isEqualTo("completed");
        assertThat(newest.path("total").asInt()).isEqualTo(4);
        assertThat(newest.path("failed").asInt()).isEqualTo(4);
        assertThat(newest.path("succeeded").asInt()).isZero();
        assertThat(newest.path("created_at").asString()).isEqualTo("2030-01-01T00:04:00Z");
        assertThat(newest.path("started_at").asString()).isEqualTo("2030-01-01T00:04:00Z");
        assertThat(newest.path("finished_at").asString()).isEqualTo("2030-01-01T00:04:30Z");
        assertThat(newest.has("lines")).isFalse();
        String id = newest.path("batch_id").asString();
        assertThat(api.get("/api/batches/" + id + "?lines_page_size=0").body().path("batch"))
                .as("the same summary as the batch's own page")
                .isEqualTo(newest);
    }

    @Test
    void batchesFilterByKindAndStatusAndPage() {
        assertThat(kinds(api.get("/api/batches?kind=import&instance_pair_id=" + pair)
                        .body()))
                .containsExactly("import", "import", "import");
        JsonNode cancelled = api.get("/api/batches?status=cancelled&instance_pair_id=" + pair)
                .body();
        assertThat(cancelled.path("total").asLong()).isEqualTo(1);
        assertThat(cancelled.path("batches").get(0).path("total").asInt()).isEqualTo(2);

        JsonNode second = api.get("/api/batches?instance_pair_id=" + pair + "&page=2&page_size=2")
                .body();
        assertThat(second.path("total").asLong()).isEqualTo(5);
        assertThat(second.path("total_pages").asLong()).isEqualTo(3);
        assertThat(kinds(second)).containsExactly("import", "sync");
        JsonNode beyond = api.get("/api/batches?instance_pair_id=" + pair + "&page=4&page_size=2")
                .body();
        assertThat(beyond.path("batches")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "kind=export, kind",
        "status=finished, status",
        "page=0, page",
        "page=abc, page",
        "page_size=201, page_size",
        "page_size=0, page_size",
        "instance_pair_id=x, instance_pair_id"
    })
    void invalidParametersAreRefusedByName(String query, String field) {
        ApiClient.Response response = api.get("/api/batches?" + query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body().path("errors").get(0).path("field").asString())
                .isEqualTo(field);
    }

    private void insert(String kind, String status, int minute, int total, int failed) {
        Instant created = start.plusSeconds(60L * minute);
        mongo.insert(new BatchRecord(
                UUID.randomUUID().toString(),
                kind,
                pair,
                status,
                total,
                0,
                0,
                status.equals("cancelled") ? 0 : total - failed,
                failed,
                0,
                status.equals("cancelled") ? total : 0,
                3,
                null,
                created,
                created,
                created.plusSeconds(30)));
    }

    private static List<String> kinds(JsonNode page) {
        return page.path("batches")
                .valueStream()
                .map(b -> b.path("kind").asString())
                .toList();
    }
}
