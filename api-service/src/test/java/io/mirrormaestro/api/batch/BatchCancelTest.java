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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import tools.jackson.databind.JsonNode;

/** A page open on a batch sees a cancel, and the batch ending cancelled, as frames: no polling. */
class BatchCancelTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    SimpUserRegistry registry;

    @Test
    void cancellingPushesTheNewStatusAndThenTheEndWithHigherSequences() throws Exception {
        String batchId = UUID.randomUUID().toString();
        Instant started = Instant.now().minusSeconds(5);
        // three lines waiting; another api-service instance holds the batch's lease, so no runner here touches it
        mongo.insert(new BatchRecord(
                batchId,
                "import",
                0,
                "running",
                3,
                3,
                0,
                0,
                0,
                0,
                0,
                4,
                Instant.now().plusSeconds(3600),
                started,
                started,
                null));
        for (int line = 1; line <= 3; line++) {
            line(batchId, line);
        }
        ApiClient api = new ApiClient(port, USER, PASSWORD);

        try (TopicSubscriber page = new TopicSubscriber(port, USER, PASSWORD, Batches.TOPIC + batchId, registry)) {
            JsonNode answer =
                    api.post("/api/batches/" + batchId + "/cancel", "").body();
            assertThat(answer.path("status").asString()).isEqualTo("cancelling");
            assertThat(answer.path("sequence").asLong()).isEqualTo(5);

            JsonNode cancelling = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> last(page),
                            f -> f != null && f.path("status").asString().equals("cancelling"));
            assertThat(cancelling.path("batch_id").asString()).isEqualTo(batchId);
            assertThat(cancelling.path("sequence").asLong()).isEqualTo(5);
            assertThat(cancelling.path("pending").asInt()).isEqualTo(3);

            // cancelling again changes nothing and pushes nothing
            assertThat(api.post("/api/batches/" + batchId + "/cancel", "")
                            .body()
                            .path("sequence")
                            .asLong())
                    .isEqualTo(5);

            // the lease runs out: a runner takes the batch over and cancels its pending lines
            mongo.updateFirst(
                    Query.query(Criteria.where("_id").is(batchId)),
                    new Update().unset("runner_until"),
                    BatchRecord.class);
            JsonNode cancelled = await().atMost(Duration.ofSeconds(20))
                    .until(() -> last(page), f -> f.path("status").asString().equals("cancelled"));
            assertThat(cancelled.path("cancelled").asInt()).isEqualTo(3);
            assertThat(cancelled.path("pending").asInt()).isZero();
            assertThat(cancelled.path("finished_at").isNull()).isFalse();
            List<Long> sequence =
                    page.frames().stream().map(f -> f.path("sequence").asLong()).toList();
            assertThat(sequence).as("one frame per change, in order").isSorted().doesNotHaveDuplicates();
            assertThat(sequence.get(sequence.size() - 1)).isGreaterThan(5);
        }
        assertThat(api.get("/api/batches/" + batchId + "?line_status=cancelled")
                        .body()
                        .path("lines"))
                .hasSize(3)
                .allSatisfy(l -> assertThat(l.path("message").asString()).isEqualTo("batch cancelled"));
    }

    @Test
    void cancellingAnUnknownBatchIsNotFound() {
        assertThat(new ApiClient(port, USER, PASSWORD)
                        .post("/api/batches/" + UUID.randomUUID() + "/cancel", "")
                        .status())
                .isEqualTo(404);
    }

    private static JsonNode last(TopicSubscriber page) {
        List<JsonNode> frames = page.frames();
        return frames.isEmpty() ? null : frames.get(frames.size() - 1);
    }

    private void line(String batchId, int line) {
        mongo.insert(new BatchItemRecord(
                BatchItemRecord.idOf(batchId, line),
                batchId,
                line,
                "a/p" + line,
                "a/p" + line,
                MirrorRecord.Overrides.NONE,
                null,
                true,
                "pending",
                null,
                null,
                null,
                null));
    }
}
