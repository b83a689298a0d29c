package io.mirrormaestro.api.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/** A batch whose runner stopped between moving lines and counting them still ends with counts that match. */
class BatchRecoveryTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void countersLeftBehindByAStoppedRunnerAreSetFromTheLinesOnceNoneIsInFlight() {
        String batchId = UUID.randomUUID().toString();
        Instant started = Instant.now().minusSeconds(60);
        // the runner moved three lines on (a worker finished one, it ended two itself) and stopped before counting
        mongo.insert(new BatchRecord(
                batchId, "import", 0, "running", 3, 3, -1, 1, 0, 0, 0, 7, null, started, started, null));
        line(batchId, 1, "succeeded", "created GitLab push mirror 5");
        line(batchId, 2, "skipped", "already mirrored by Mirror Maestro: mirror 9 (a/b → a/b, push)");
        line(batchId, 3, "in_progress", null);
        ApiClient api = new ApiClient(port, USER, PASSWORD);

        // while a line is in flight the runner leaves the counters alone (it looks every 0.5 s)
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> batch(api, batchId).path("status").asString().equals("running"));

        // the last line ends, as a worker's failure event would end it, but its count is lost too
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(BatchItemRecord.idOf(batchId, 3))),
                Update.update("status", "failed").set("message", "no project 'a/c' on instance 'b'"),
                BatchItemRecord.class);

        JsonNode done = await().atMost(Duration.ofSeconds(20)).until(() -> batch(api, batchId), b -> b.path("status")
                .asString()
                .equals("completed"));
        assertThat(done.path("pending").asInt()).isZero();
        assertThat(done.path("in_progress").asInt()).isZero();
        assertThat(done.path("succeeded").asInt()).isEqualTo(1);
        assertThat(done.path("skipped").asInt()).isEqualTo(1);
        assertThat(done.path("failed").asInt()).isEqualTo(1);
        assertThat(done.path("sequence").asLong()).isGreaterThan(7);
    }

    private static JsonNode batch(ApiClient api, String batchId) {
        return api.get("/api/batches/" + batchId + "?lines_page_size=0").body().path("batch");
    }

    private void line(String batchId, int line, String status, String message) {
        mongo.insert(new BatchItemRecord(
                BatchItemRecord.idOf(batchId, line),
                batchId,
                line,
                "a/p" + line,
                "a/p" + line,
                MirrorRecord.Overrides.NONE,
                null,
                true,
                status,
                (long) line,
                null,
                message,
                null));
    }
}
