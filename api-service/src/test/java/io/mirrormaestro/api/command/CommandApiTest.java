package io.mirrormaestro.api.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.command.CreateMirror;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.command.SyncMirror;
import io.mirrormaestro.common.command.UpdateMirror;
import io.mirrormaestro.common.command.VerifyMirror;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.CommandRetryScheduled;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.EventIds;
import io.mirrormaestro.common.kafka.Json;
import io.mirrormaestro.common.kafka.JsonSerde;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** What a command's page needs: its state, what it acts on, its batch line, and each attempt with GitLab's error. */
class CommandApiTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ActivityLog activity;

    private ApiClient api;
    private long mirrorId;
    private final Instant start = Instant.parse("2032-03-01T08:00:00Z");

    @BeforeEach
    void client() {
        api = new ApiClient(port, USER, PASSWORD);
        // a mirror id no other test uses, so this test sees only its own commands in the shared database
        mirrorId = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
    }

    @Test
    void aFailedCommandShowsEachAttemptWithGitLabsErrorAndItsBatchLine() {
        String batchId = UUID.randomUUID().toString();
        MirrorCommand command =
                new SyncMirror(UUID.randomUUID(), UUID.randomUUID(), start, mirrorId, new BatchLineRef(batchId, 7));
        activity.accepted(command);
        store(command, CommandStatus.FAILED, 3, start.plusSeconds(6), "403 Forbidden: push refused");
        List<Event> attempts = List.of(
                retry(command, 1, "503 Service Unavailable", start.plusSeconds(1)),
                retry(command, 2, "connection reset", start.plusSeconds(3)),
                new CommandFailed(
                        EventIds.of(command.commandId(), 3, "CommandFailed"),
                        command.commandId(),
                        command.correlationId(),
                        start.plusSeconds(6),
                        command.subjectId(),
                        command.typeName(),
                        3,
                        403,
                        "403 Forbidden: push refused",
                        command.batchLine()));

        JsonNode view = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            publish(attempts); // stored once however often it arrives
                            return api.get("/api/commands/" + command.commandId())
                                    .body();
                        },
                        v -> v.path("history").size() == 4);

        assertThat(view.path("command_id").asString())
                .isEqualTo(command.commandId().toString());
        assertThat(view.path("correlation_id").asString())
                .isEqualTo(command.correlationId().toString());
        assertThat(view.path("type").asString()).isEqualTo("SyncMirror");
        assertThat(view.path("subject_id").asString()).isEqualTo("mirror:" + mirrorId);
        assertThat(view.path("mirror_id").asLong()).isEqualTo(mirrorId);
        assertThat(view.path("instance_id").isNull()).isTrue();
        assertThat(view.path("batch_id").asString()).isEqualTo(batchId);
        assertThat(view.path("batch_line").asInt()).isEqualTo(7);
        assertThat(view.path("status").asString()).isEqualTo("failed");
        assertThat(view.path("attempts").asInt()).isEqualTo(3);
        assertThat(view.path("last_error").asString()).isEqualTo("403 Forbidden: push refused");
        assertThat(view.path("next_retry_at").isNull()).as("no retry waits").isTrue();
        assertThat(view.path("accepted_at").asString()).isEqualTo(start.toString());
        assertThat(view.path("updated_at").asString())
                .isEqualTo(start.plusSeconds(6).toString());
        assertThat(view.path("worker").asString()).isEqualTo("4242@worker-host");
        JsonNode history = view.path("history");
        assertThat(history.valueStream().map(h -> h.path("outcome").asString()))
                .containsExactly("accepted", "retry_scheduled", "retry_scheduled", "failed");
        assertThat(history.get(0).path("attempt").isNull()).isTrue();
        assertThat(history.valueStream().skip(1).map(h -> h.path("attempt").asInt()))
                .containsExactly(1, 2, 3);
        assertThat(history.valueStream().skip(1).map(h -> h.path("error").asString()))
                .containsExactly("503 Service Unavailable", "connection reset", "403 Forbidden: push refused");
        assertThat(api.get("/api/activity?command_id=" + command.commandId() + "&outcome=failed")
                        .body()
                        .get(0)
                        .path("error")
                        .asString())
                .as("the activity log carries the attempt's error too")
                .isEqualTo("403 Forbidden: push refused");
    }

    @Test
    void aWaitingRetryShowsWhenItRuns() {
        MirrorCommand command = VerifyMirror.of(mirrorId, false);
        Instant next = start.plusSeconds(40);
        mongo.insert(new CommandRecord(
                command.commandId(),
                command.typeName(),
                command.subjectId(),
                Json.mapper().writeValueAsString(command),
                CommandStatus.RETRY_SCHEDULED,
                1,
                true,
                start,
                start.plusSeconds(2),
                null,
                next,
                "502 Bad Gateway",
                null,
                null));

        JsonNode view = api.get("/api/commands/" + command.commandId()).body();

        assertThat(view.path("status").asString()).isEqualTo("retry_scheduled");
        assertThat(view.path("next_retry_at").asString()).isEqualTo(next.toString());
        assertThat(view.path("next_attempt_at").asString()).isEqualTo(next.toString());
        assertThat(view.path("batch_id").isNull()).isTrue();
        assertThat(view.path("history")).isEmpty();
    }

    @Test
    void aSubjectsCommandsAreListedNewestFirst() {
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            MirrorCommand command = List.<MirrorCommand>of(
                            new CreateMirror(id, id, start.plusSeconds(i), mirrorId, false, null),
                            new UpdateMirror(id, id, start.plusSeconds(i), mirrorId, null),
                            new SyncMirror(id, id, start.plusSeconds(i), mirrorId, null))
                    .get(i);
            store(command, i == 1 ? CommandStatus.FAILED : CommandStatus.SUCCEEDED, 1, start.plusSeconds(i), null);
        }

        JsonNode list = api.get("/api/commands?subject_id=mirror:" + mirrorId).body();

        assertThat(list.valueStream().map(c -> c.path("type").asString()))
                .containsExactly("SyncMirror", "UpdateMirror", "CreateMirror");
        assertThat(list.get(0).has("history")).as("lists stay cheap").isFalse();
        assertThat(api.get("/api/commands?limit=1&subject_id=mirror:" + mirrorId)
                        .body()
                        .size())
                .isEqualTo(1);
        assertThat(api.get("/api/commands?status=failed&subject_id=mirror:" + mirrorId)
                        .body()
                        .valueStream()
                        .map(c -> c.path("type").asString()))
                .containsExactly("UpdateMirror");
        ApiClient.Response bad = api.get("/api/commands?status=done");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asString()).isEqualTo("status");
        assertThat(api.get("/api/commands?limit=501").status()).isEqualTo(400);
    }

    @Test
    void anUnknownCommandIsNotFound() {
        ApiClient.Response response = api.get("/api/commands/" + UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
    }

    private void store(MirrorCommand command, CommandStatus status, int attempts, Instant updatedAt, String error) {
        mongo.insert(new CommandRecord(
                command.commandId(),
                command.typeName(),
                command.subjectId(),
                Json.mapper().writeValueAsString(command),
                status,
                attempts,
                true,
                command.occurredAt(),
                updatedAt,
                null,
                null,
                error,
                null,
                "4242@worker-host"));
    }

    private static CommandRetryScheduled retry(MirrorCommand command, int attempt, String reason, Instant at) {
        return new CommandRetryScheduled(
                EventIds.of(command.commandId(), attempt, "CommandRetryScheduled"),
                command.commandId(),
                command.correlationId(),
                at,
                command.subjectId(),
                command.typeName(),
                attempt,
                at.plusSeconds(2),
                reason);
    }

    private static void publish(List<Event> events) {
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.endpoints().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                JsonSerde.EventSerializer.class))) {
            events.forEach(e -> producer.send(new ProducerRecord<>(Topics.EVENTS, e.subjectId(), e)));
        }
    }
}
