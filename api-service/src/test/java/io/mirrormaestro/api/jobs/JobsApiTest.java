package io.mirrormaestro.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.mongodb.client.MongoClient;
import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.command.SyncMirror;
import io.mirrormaestro.common.kafka.Json;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.nosql.mongo.MongoDBStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/jobs} on the embedded stack: retries as the worker records them on the command, recurring jobs as
 * JobRunr stores them (written here through JobRunr's own storage API, as a worker's JobRunr does).
 */
class JobsApiTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MongoClient client;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port, USER, PASSWORD);
    }

    @Test
    void retriesWaitingAreListedSoonestFirstWithTheirAttemptAndError() {
        long mirrorId = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
        Instant soon = Instant.now().plus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MILLIS); // as MongoDB keeps it
        UUID later = retryWaiting(mirrorId, 2, soon.plusSeconds(60), "503 Service Unavailable");
        UUID sooner = retryWaiting(mirrorId, 1, soon, "502 Bad Gateway");
        UUID overdue = retryWaiting(mirrorId, 3, Instant.now().minusSeconds(90), "500 Internal Server Error");

        JsonNode page = api.get("/api/jobs/scheduled?page_size=200").body();

        List<JsonNode> mine = page.path("retries")
                .valueStream()
                .filter(r -> r.path("subject_id").asString().equals("mirror:" + mirrorId))
                .toList();
        assertThat(mine)
                .extracting(r -> r.path("command_id").asString())
                .containsExactly(overdue.toString(), sooner.toString(), later.toString());
        JsonNode first = mine.get(1);
        assertThat(first.path("type").asString()).isEqualTo("SyncMirror");
        assertThat(first.path("mirror_id").asLong()).isEqualTo(mirrorId);
        assertThat(first.path("attempt").asInt()).isEqualTo(2);
        assertThat(first.path("attempts_made").asInt()).isEqualTo(1);
        assertThat(Instant.parse(first.path("scheduled_at").asString())).isEqualTo(soon);
        assertThat(first.path("last_error").asString()).isEqualTo("502 Bad Gateway");
        assertThat(first.path("overdue").asBoolean()).isFalse();
        assertThat(mine.get(0).path("overdue").asBoolean()).isTrue();
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(page.path("page").asInt()).isEqualTo(1);

        JsonNode onePerPage = api.get("/api/jobs/scheduled?page_size=1&page=2").body();
        assertThat(onePerPage.path("retries")).hasSize(1);
        assertThat(onePerPage.path("total_pages").asLong())
                .isEqualTo(onePerPage.path("total").asLong());

        mongo.updateFirst(
                Query.query(where("_id").is(sooner)),
                Update.update("status", CommandStatus.SUCCEEDED),
                CommandRecord.class);
        assertThat(api.get("/api/jobs/scheduled?page_size=200")
                        .body()
                        .path("retries")
                        .valueStream())
                .extracting(r -> r.path("command_id").asString())
                .as("a retry that ran is no longer waiting")
                .doesNotContain(sooner.toString())
                .contains(later.toString());
    }

    @Test
    void pagingIsValidated() {
        assertThat(api.get("/api/jobs/scheduled?page_size=0").status()).isEqualTo(400);
        assertThat(api.get("/api/jobs/scheduled?page=0").status()).isEqualTo(400);
        assertThat(new ApiClient(port, USER, "wrong").get("/api/jobs/recurring").status())
                .isEqualTo(401);
    }

    @Test
    void recurringJobsAreReadFromJobRunrsStorage() throws Exception {
        String id = "mm-test-" + UUID.randomUUID();
        try (MongoDBStorageProvider workers =
                new MongoDBStorageProvider(client, "mirror-maestro-jobs", null, DatabaseOptions.CREATE)) {
            workers.setJobMapper(new JobMapper(new JacksonJsonMapper()));
            workers.saveRecurringJob(new RecurringJob(
                    id,
                    new JobDetails("io.mirrormaestro.worker.mirror.RefreshSweepHandler", null, "run", List.of()),
                    "PT45S",
                    "UTC",
                    RecurringJob.CreatedBy.API));
        }

        JsonNode recurring = api.get("/api/jobs/recurring").body();

        JsonNode job = recurring
                .path("jobs")
                .valueStream()
                .filter(j -> j.path("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(job.path("schedule").asString()).isEqualTo("PT45S");
        assertThat(job.path("schedule_kind").asString()).isEqualTo("interval");
        assertThat(Instant.parse(job.path("next_run").asString()))
                .isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(46));
        assertThat(job.path("last_run").isNull()).isTrue();
        assertThat(recurring.path("servers").isArray()).isTrue();
    }

    private UUID retryWaiting(long mirrorId, int attemptsMade, Instant next, String error) {
        MirrorCommand command = SyncMirror.of(mirrorId);
        Instant accepted = Instant.now().minusSeconds(300);
        mongo.insert(new CommandRecord(
                command.commandId(),
                command.typeName(),
                command.subjectId(),
                Json.mapper().writeValueAsString(command),
                CommandStatus.RETRY_SCHEDULED,
                attemptsMade,
                true,
                accepted,
                Instant.now(),
                null,
                next,
                error,
                null,
                "1@test"));
        return command.commandId();
    }
}
