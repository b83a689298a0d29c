package io.mirrormaestro.api.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.CommandRecord;
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

/**
 * Batches that a crash left behind end with counters equal to their lines: counters moved by a runner that stopped
 * half-way are counted again from the lines, and lines whose outcome events never arrived are settled from their
 * commands' records.
 */
class BatchRecoveryTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void countersLeftBehindByAStoppedRunnerAreSetFromTheLinesOnceNoneIsInFlight() {
        String batchId = UUID.randomUUID().toString();
        Instant started = Instant.now().minusSeconds(60);
        // the runner moved three lines on (a worker finished one, it ended two itself) and stopped before counting;
        // the batch goes in last, as the runner (every 0.5 s) takes a running batch up at once
        line(batchId, 1, "succeeded", "created GitLab push mirror 5");
        line(batchId, 2, "skipped", "already mirrored by Mirror Maestro: mirror 9 (a/b → a/b, push)");
        line(batchId, 3, "in_progress", null);
        mongo.insert(new BatchRecord(
                batchId, "import", 0, "running", 3, 3, -1, 1, 0, 0, 0, 7, null, started, started, null));
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

    /**
     * The state a kill -9 mid-import left (issue #12): counters moved twice by a chunk issued again ({@code pending
     * 500}, {@code in_progress -497}), and lines in progress whose commands ended while api-service was down, so their
     * events were never consumed.
     */
    @Test
    void aBatchStuckByACrashCompletesFromItsCommandsWithCountersEqualToItsLines() {
        String batchId = UUID.randomUUID().toString();
        Instant started = Instant.now().minusSeconds(60);
        line(batchId, 1, "succeeded", "created GitLab push mirror 5");
        line(batchId, 2, "succeeded", "created GitLab push mirror 6");
        line(batchId, 3, "succeeded", "created GitLab push mirror 7");
        UUID succeeded = command(batchId, 4, CommandStatus.SUCCEEDED, "created GitLab push mirror 8", null);
        UUID skipped = command(batchId, 5, CommandStatus.SUCCEEDED, "already mirrored by mirror 2", null);
        UUID failed = command(batchId, 6, CommandStatus.FAILED, null, "no project 'a/p6' on instance 'b'");
        inFlight(batchId, 4, succeeded, null);
        inFlight(batchId, 5, skipped, 2L);
        inFlight(batchId, 6, failed, null);
        mongo.insert(new BatchRecord(
                batchId, "import", 0, "running", 6, 500, -497, 3, 0, 0, 0, 11, null, started, started, null));
        ApiClient api = new ApiClient(port, USER, PASSWORD);

        // counted from the lines at once: never negative, nothing pending
        JsonNode counted = await().atMost(Duration.ofSeconds(10))
                .until(() -> batch(api, batchId), b -> b.path("pending").asInt() == 0);
        assertThat(counted.path("in_progress").asInt()).isBetween(0, 3);
        assertThat(counted.path("succeeded").asInt()).isBetween(3, 4);

        JsonNode done = await().atMost(Duration.ofSeconds(20)).until(() -> batch(api, batchId), b -> b.path("status")
                .asString()
                .equals("completed"));
        assertThat(done.path("pending").asInt()).isZero();
        assertThat(done.path("in_progress").asInt()).isZero();
        assertThat(done.path("succeeded").asInt()).isEqualTo(4);
        assertThat(done.path("skipped").asInt()).isEqualTo(1);
        assertThat(done.path("failed").asInt()).isEqualTo(1);
        JsonNode lines = api.get("/api/batches/" + batchId).body().path("lines");
        assertThat(lines.get(3).path("message").asString()).isEqualTo("created GitLab push mirror 8");
        assertThat(lines.get(4).path("status").asString()).isEqualTo("skipped");
        assertThat(lines.get(5).path("status").asString()).isEqualTo("failed");
        assertThat(lines.get(5).path("message").asString()).isEqualTo("no project 'a/p6' on instance 'b'");
    }

    private UUID command(String batchId, int line, CommandStatus status, String result, String error) {
        UUID id = BatchRunner.commandIdOf(new BatchItemRecord(
                BatchItemRecord.idOf(batchId, line),
                batchId,
                line,
                null,
                null,
                null,
                null,
                true,
                null,
                null,
                null,
                null,
                null));
        Instant at = Instant.now().minusSeconds(30);
        mongo.insert(new CommandRecord(
                id, "CreateMirror", "mirror:" + line, "{}", status, 1, true, at, at, null, null, error, result, "w"));
        return id;
    }

    private void inFlight(String batchId, int line, UUID commandId, Long existingMirrorId) {
        mongo.insert(new BatchItemRecord(
                BatchItemRecord.idOf(batchId, line),
                batchId,
                line,
                "a/p" + line,
                "a/p" + line,
                MirrorRecord.Overrides.NONE,
                null,
                true,
                "in_progress",
                (long) line,
                commandId.toString(),
                null,
                existingMirrorId));
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
