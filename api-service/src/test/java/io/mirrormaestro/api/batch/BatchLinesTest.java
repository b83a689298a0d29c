package io.mirrormaestro.api.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.api.StoredPairs;
import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.event.MirrorCreated;
import io.mirrormaestro.common.event.MirrorImportSkipped;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.common.store.Sequences;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** What a batch's lines say about themselves: the command that carries a line out, the mirror that covers it. */
class BatchLinesTest extends ApiIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    BatchProgress progress;

    private ApiClient api;
    private PairRecord pair;
    private String group;

    @BeforeEach
    void pair() {
        api = new ApiClient(port, USER, PASSWORD);
        group = StoredPairs.uniqueGroup("g");
        pair = StoredPairs.push(mongo, group);
    }

    @Test
    void aLineHandedToAWorkerNamesItsCommandAndALineEndedAtOnceNamesNone() {
        mirror(group + "/one");
        String batchId = api.post("/api/export/pair/" + pair.id(), file("one", "two"))
                .body()
                .path("batch_id")
                .asString();

        JsonNode lines = await().atMost(WAIT)
                .until(
                        () -> api.get("/api/batches/" + batchId).body().path("lines"),
                        l -> l.get(1).path("status").asString().equals("in_progress"));
        JsonNode skipped = lines.get(0);
        assertThat(skipped.path("status").asString()).isEqualTo("skipped");
        assertThat(skipped.has("command_id")).isTrue();
        assertThat(skipped.path("command_id").isNull())
                .as("ended by the runner: no command")
                .isTrue();
        JsonNode handedOut = lines.get(1);
        String commandId = handedOut.path("command_id").asString();
        assertThat(commandId)
                .isEqualTo(BatchRunner.commandIdOf(line(batchId, 2)).toString());
        JsonNode command = api.get("/api/commands/" + commandId).body();
        assertThat(command.path("batch_id").asString()).isEqualTo(batchId);
        assertThat(command.path("batch_line").asInt()).isEqualTo(2);
        assertThat(command.path("mirror_id").asLong())
                .isEqualTo(handedOut.path("mirror_id").asLong());

        // the worker's outcome ends the line; it still names its command
        progress.on(List.of(new MirrorCreated(
                UUID.randomUUID(),
                UUID.fromString(commandId),
                UUID.fromString(commandId),
                Instant.now(),
                handedOut.path("mirror_id").asLong(),
                "mirror.create",
                "created GitLab push mirror 7",
                1,
                new BatchLineRef(batchId, 2))));
        JsonNode done = await().atMost(WAIT)
                .until(
                        () -> api.get("/api/batches/" + batchId + "?line_status=succeeded")
                                .body()
                                .path("lines"),
                        l -> !l.isEmpty())
                .get(0);
        assertThat(done.path("command_id").asString()).isEqualTo(commandId);
    }

    @Test
    void aSkippedImportLineNamesTheMirrorThatAlreadyCoversIt() {
        MirrorRecord existing = mirror(group + "/one");
        MirrorRecord elsewhere = mirror(group + "/elsewhere");
        String batchId = api.post("/api/export/pair/" + pair.id(), file("one", "two"))
                .body()
                .path("batch_id")
                .asString();

        // line one: the runner finds the mirror itself and skips the line at once
        JsonNode lines = await().atMost(WAIT)
                .until(
                        () -> api.get("/api/batches/" + batchId).body().path("lines"),
                        l -> l.get(1).path("status").asString().equals("in_progress"));
        JsonNode skipped = lines.get(0);
        assertThat(skipped.path("status").asString()).isEqualTo("skipped");
        assertThat(skipped.path("existing_mirror_id").asLong()).isEqualTo(existing.id());
        assertThat(skipped.path("mirror_id").asLong())
                .as("the id the line reserved stays as it was")
                .isNotEqualTo(existing.id());
        assertThat(lines.get(1).path("existing_mirror_id").isNull()).isTrue();

        // line two: the worker finds in GitLab that another mirror covers its projects and reports the skip, naming
        // that mirror: api-service writes it on the line
        JsonNode handedOut = lines.get(1);
        progress.on(List.of(new MirrorImportSkipped(
                UUID.randomUUID(),
                UUID.fromString(handedOut.path("command_id").asString()),
                UUID.fromString(handedOut.path("command_id").asString()),
                Instant.now(),
                handedOut.path("mirror_id").asLong(),
                "mirror.create",
                elsewhere.alreadyMirrored(),
                1,
                new BatchLineRef(batchId, 2),
                elsewhere.id())));

        JsonNode both = await().atMost(WAIT)
                .until(
                        () -> api.get("/api/batches/" + batchId + "?line_status=skipped")
                                .body()
                                .path("lines"),
                        l -> l.size() == 2);
        assertThat(both.get(1).path("existing_mirror_id").asLong()).isEqualTo(elsewhere.id());
        assertThat(both.get(1).path("message").asString()).contains("mirror " + elsewhere.id());
        assertThat(api.get("/api/mirrors/"
                                + both.get(1).path("existing_mirror_id").asLong())
                        .status())
                .isEqualTo(200);
    }

    private BatchItemRecord line(String batchId, int line) {
        return mongo.findById(BatchItemRecord.idOf(batchId, line), BatchItemRecord.class);
    }

    private String file(String... projects) {
        StringBuilder json = new StringBuilder("{\"mirrors\":[");
        for (int i = 0; i < projects.length; i++) {
            String path = group + "/" + projects[i];
            json.append(i == 0 ? "" : ",")
                    .append("{\"source_project_path\":\"")
                    .append(path)
                    .append("\",\"target_project_path\":\"")
                    .append(path)
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    private MirrorRecord mirror(String path) {
        long id = Sequences.reserve(mongo, "mirrors", 1);
        MirrorRecord mirror = MirrorRecord.desired(
                id,
                pair.id(),
                1,
                2,
                id,
                path,
                id,
                path,
                "push",
                MirrorRecord.Overrides.NONE,
                true,
                MirrorRecord.ACTIVE,
                Instant.now());
        mongo.insert(mirror);
        return mirror;
    }
}
