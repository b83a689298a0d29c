package io.mirrormaestro.api.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.api.StoredPairs;
import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.MirrorCreated;
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
import org.springframework.messaging.simp.user.SimpUserRegistry;
import tools.jackson.databind.JsonNode;

/** Batches announce their start and their end, with counts, in the activity log and on its topic. */
class BatchActivityTest extends ApiIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    SimpUserRegistry registry;

    @Autowired
    BatchProgress progress;

    @Autowired
    Batches batches;

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
    void anImportIsAnnouncedByItsUserAndItsEndOnceWithTheCounts() throws Exception {
        MirrorRecord existing = mirror(group + "/one", MirrorRecord.ACTIVE);
        String file = "{\"mirrors\":[" + line("one") + "," + line("two") + "," + line("three") + "]}";

        try (TopicSubscriber activity = new TopicSubscriber(port, USER, PASSWORD, ActivityLog.TOPIC, registry)) {
            String batchId = api.post("/api/export/pair/" + pair.id(), file)
                    .body()
                    .path("batch_id")
                    .asString();
            String subject = "batch:" + batchId;

            JsonNode started = single(subject, ActivityLog.BATCH_STARTED);
            assertThat(started.path("outcome").asString()).isEqualTo("accepted");
            assertThat(started.path("actor").asString()).isEqualTo(USER);
            assertThat(started.path("message").asString())
                    .isEqualTo("Import of 3 lines into pair '" + pair.name() + "' started");

            // line one is skipped at once (its mirror exists); two and three go to workers, simulated here
            JsonNode lines = await().atMost(WAIT)
                    .until(
                            () -> api.get("/api/batches/" + batchId).body().path("lines"),
                            l -> l.valueStream()
                                            .filter(x ->
                                                    x.path("status").asString().equals("in_progress"))
                                            .count()
                                    == 2);
            assertThat(lines.get(0).path("status").asString()).isEqualTo("skipped");
            assertThat(lines.get(0).path("message").asString()).contains("mirror " + existing.id());
            List<Event> outcomes = List.of(created(batchId, lines.get(1)), failed(batchId, lines.get(2)));
            progress.on(outcomes);

            JsonNode finished = await().atMost(WAIT)
                    .until(() -> entries(subject, ActivityLog.BATCH_FINISHED), e -> !e.isEmpty())
                    .get(0);
            assertThat(finished.path("outcome").asString()).as("a line failed").isEqualTo("failed");
            assertThat(finished.path("message").asString())
                    .isEqualTo("Import of 3 lines into pair '" + pair.name()
                            + "' completed: 1 succeeded, 1 failed, 1 skipped");
            assertThat(finished.path("actor").asString())
                    .as("the end is recorded under whoever started the batch")
                    .isEqualTo(entries(subject, ActivityLog.BATCH_STARTED)
                            .get(0)
                            .path("actor")
                            .asString())
                    .isNotEqualTo(ActivityLog.SYSTEM);
            assertThat(api.get("/api/batches/" + batchId + "?lines_page_size=0")
                            .body()
                            .path("batch")
                            .path("status")
                            .asString())
                    .isEqualTo("completed");

            // the workers' events delivered again, and the runner settling the batch again, announce nothing more
            progress.on(outcomes);
            assertThat(batches.recount(batchId).finishedAt()).isNotNull();
            assertThat(entries(subject, ActivityLog.BATCH_FINISHED)).hasSize(1);

            List<String> pushed = await().atMost(WAIT)
                    .until(
                            () -> activity.frames().stream()
                                    .filter(f -> f.path("subject_id").asString().equals(subject))
                                    .map(f -> f.path("type").asString())
                                    .toList(),
                            types -> types.size() == 2);
            assertThat(pushed).containsExactly(ActivityLog.BATCH_STARTED, ActivityLog.BATCH_FINISHED);
        }
    }

    @Test
    void anOperationIsAnnouncedAndEndsSucceededWhenNoLineFailed() {
        // mirrors not yet created in GitLab: disabling them succeeds at once, their pending creation applies it
        long a = mirror(group + "/a", MirrorRecord.PENDING).id();
        long b = mirror(group + "/b", MirrorRecord.PENDING).id();

        String batchId = api.post("/api/mirrors/batch", "{\"action\":\"disable\",\"mirror_ids\":[" + a + "," + b + "]}")
                .body()
                .path("batch_id")
                .asString();

        String subject = "batch:" + batchId;
        assertThat(single(subject, ActivityLog.BATCH_STARTED).path("message").asString())
                .isEqualTo("disable of 2 mirrors started");
        JsonNode finished = await().atMost(WAIT)
                .until(() -> entries(subject, ActivityLog.BATCH_FINISHED), e -> !e.isEmpty())
                .get(0);
        assertThat(finished.path("outcome").asString()).isEqualTo("succeeded");
        assertThat(finished.path("message").asString())
                .isEqualTo("disable of 2 mirrors completed: 2 succeeded, 0 failed, 0 skipped");
        assertThat(api.get("/api/activity?type=" + ActivityLog.BATCH_FINISHED + "&outcome=succeeded&limit=500")
                        .body()
                        .valueStream()
                        .filter(e -> e.path("subject_id").asString().equals(subject))
                        .count())
                .isEqualTo(1);
    }

    private JsonNode single(String subject, String type) {
        JsonNode entries = entries(subject, type);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private JsonNode entries(String subject, String type) {
        return api.get("/api/activity?subject_id=" + subject + "&type=" + type).body();
    }

    private String line(String project) {
        return "{\"source_project_path\":\"" + group + "/" + project + "\",\"target_project_path\":\"" + group + "/"
                + project + "\"}";
    }

    private MirrorRecord mirror(String path, String lifecycle) {
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
                lifecycle,
                Instant.now());
        mongo.insert(mirror);
        return mirror;
    }

    private static MirrorCreated created(String batchId, JsonNode line) {
        UUID command = UUID.randomUUID();
        return new MirrorCreated(
                UUID.randomUUID(),
                command,
                command,
                Instant.now(),
                line.path("mirror_id").asLong(),
                "mirror.create",
                "created GitLab push mirror 7",
                1,
                new BatchLineRef(batchId, line.path("line").asInt()));
    }

    private static CommandFailed failed(String batchId, JsonNode line) {
        UUID command = UUID.randomUUID();
        return new CommandFailed(
                UUID.randomUUID(),
                command,
                command,
                Instant.now(),
                "mirror:" + line.path("mirror_id").asLong(),
                "mirror.create",
                1,
                404,
                "no project on instance 'b'",
                new BatchLineRef(batchId, line.path("line").asInt()));
    }
}
