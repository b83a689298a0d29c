package io.mirrormaestro.api.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.RefreshMirrors;
import io.mirrormaestro.common.kafka.Json;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.testing.ApiClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** "Refresh now" is a command through the usual path; bad selections are problems naming the field. */
class RefreshApiTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private ApiClient api;
    private long pair;
    private long active;
    private long pending;

    @BeforeEach
    void estate() {
        api = new ApiClient(port, USER, PASSWORD);
        // ids no other test uses, in the shared database
        pair = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
        Instant now = Instant.now();
        mongo.insert(new PairRecord(
                pair, "refresh-" + pair, null, 1, 2, "push", false, false, false, false, null, null, now, now));
        active = pair * 10;
        pending = pair * 10 + 1;
        mongo.insert(mirror(active, "refresh/a-" + pair, MirrorRecord.ACTIVE, now));
        mongo.insert(mirror(pending, "refresh/b-" + pair, MirrorRecord.PENDING, now));
    }

    @Test
    void aPairIsRefreshedThroughOneCommandOfItsActiveMirrors() {
        ApiClient.Response accepted = api.post("/api/mirrors/refresh", "{\"instance_pair_id\": " + pair + "}");

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        JsonNode body = accepted.body();
        assertThat(body.path("status").asString()).isEqualTo("refresh_requested");
        assertThat(body.path("mirrors").asLong()).isEqualTo(1);
        UUID commandId = UUID.fromString(body.path("command_id").asString());
        assertThat(body.path("status_url").asString()).isEqualTo("/api/commands/" + commandId);
        CommandRecord record = mongo.findById(commandId, CommandRecord.class);
        assertThat(record.type()).isEqualTo("RefreshMirrors");
        assertThat(record.subjectId()).isEqualTo("pair:" + pair);
        Command command = Json.mapper().readValue(record.payload(), Command.class);
        assertThat(command).isEqualTo(new RefreshMirrors(commandId, commandId, command.occurredAt(), pair, null, null));
    }

    @Test
    void oneMirrorIsRefreshedAsItsOwnSubject() {
        ApiClient.Response accepted = api.post("/api/mirrors/refresh", "{\"mirror_ids\": [" + active + "]}");

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        CommandRecord record = mongo.findById(
                UUID.fromString(accepted.body().path("command_id").asString()), CommandRecord.class);
        assertThat(record.subjectId()).isEqualTo("mirror:" + active);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}                              | mirror_ids       | give mirror_ids, instance_pair_id or group_path",
                "{\"mirror_ids\": []}            | mirror_ids       | must name at least one mirror",
                "{\"mirror_ids\": [-3]}          | mirror_ids[0]    | ",
                "{\"mirror_ids\": [\"x\"]}       |                  | ",
                "{\"group_path\": \"nowhere-at-all\"} | group_path | selects no mirror that is active in GitLab",
                "{\"instance_pair_id\": 0}       | instance_pair_id | ",
                "{\"instance_pairs\": 1}         | instance_pairs   | "
            })
    void aBadSelectionIsAProblemNamingTheField(String json, String field, String message) {
        ApiClient.Response refused = api.post("/api/mirrors/refresh", json);

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode error = refused.body().path("errors").get(0);
        if (field != null) {
            assertThat(error.path("field").asString()).isEqualTo(field);
        }
        if (message != null) {
            assertThat(error.path("message").asString()).isEqualTo(message);
        }
    }

    @Test
    void unknownOrInactiveMirrorsAndPairsAreRefused() {
        long none = pair * 10 + 5; // no test inserts it
        ApiClient.Response unknown =
                api.post("/api/mirrors/refresh", "{\"mirror_ids\": [" + active + ", " + none + "]}");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(422);
        assertThat(unknown.body().path("errors").get(0).path("message").asString())
                .isEqualTo("no mirror " + none);

        ApiClient.Response notInGitLab = api.post("/api/mirrors/refresh", "{\"mirror_ids\": [" + pending + "]}");
        assertThat(notInGitLab.status()).as(notInGitLab.text()).isEqualTo(422);

        ApiClient.Response noPair =
                api.post("/api/mirrors/refresh", "{\"instance_pair_id\": " + (pair + 1_000_000_000L) + "}");
        assertThat(noPair.status()).as(noPair.text()).isEqualTo(404);

        ApiClient.Response notJson = api.post("/api/mirrors/refresh", "mirror_ids=1");
        assertThat(notJson.status()).as(notJson.text()).isEqualTo(400);
        assertThat(List.of(unknown, notInGitLab, noPair, notJson))
                .allSatisfy(r -> assertThat(r.raw().headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json")));
    }

    @Test
    void aStuckAndAPausedMirrorShowAsSuch() {
        MirrorRecord m = mongo.findById(active, MirrorRecord.class);
        mongo.save(new MirrorRecord(
                m.id(),
                m.instancePairId(),
                m.sourceInstanceId(),
                m.targetInstanceId(),
                m.sourceProjectId(),
                m.sourceProjectPath(),
                m.targetProjectId(),
                m.targetProjectPath(),
                "pull",
                m.overrides(),
                true,
                m.lifecycle(),
                null,
                null,
                null,
                "started",
                null,
                null,
                null,
                "Mirroring for the project is on pause",
                null,
                List.of(),
                true,
                false,
                m.createdAt(),
                m.updatedAt(),
                true));

        JsonNode shown = api.get("/api/mirrors/" + active).body();

        assertThat(shown.path("stuck").asBoolean()).isTrue();
        assertThat(shown.path("paused").asBoolean()).isTrue();
        assertThat(shown.path("last_error").asString()).isEqualTo("Mirroring for the project is on pause");
        assertThat(api.get("/api/mirrors/" + pending).body().path("paused").asBoolean())
                .isFalse();
    }

    @Test
    void theDashboardReportsTheWorkersRefreshAndWhetherItsBudgetCoversTheEstate() {
        Instant lastRun = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        mongo.getCollection("refresh_state")
                .replaceOne(
                        new Document("_id", "sweep"),
                        new Document("_id", "sweep")
                                .append("last_run_at", java.util.Date.from(lastRun))
                                .append("projects", 2000)
                                .append("projects_due", 12)
                                .append("tick_seconds", 30L)
                                .append("healthy_interval_seconds", 900L)
                                .append("needed_per_minute_per_instance", 160.0)
                                .append("budget_per_minute_per_instance", 100),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
        try {
            JsonNode refresh = api.get("/api/dashboard/metrics")
                    .body()
                    .path("status_freshness")
                    .path("auto_refresh");

            assertThat(refresh.path("enabled").asBoolean()).isTrue();
            assertThat(refresh.path("interval_seconds").asLong()).isEqualTo(900);
            assertThat(Instant.parse(refresh.path("last_run").asString())).isEqualTo(lastRun);
            assertThat(Instant.parse(refresh.path("next_run").asString())).isEqualTo(lastRun.plusSeconds(30));
            assertThat(refresh.path("note").asString())
                    .isEqualTo("2000 GitLab projects watched, 12 read in the last sweep; the estate needs 160 requests"
                            + " per minute on the busiest instance, more than the refresh budget of 100 per worker:"
                            + " 60 % over, so refreshes come later than their cadence unless workers are added");
        } finally {
            // the dashboard's other tests share the database and expect no refresh
            mongo.getCollection("refresh_state").deleteOne(new Document("_id", "sweep"));
        }
    }

    private MirrorRecord mirror(long id, String path, String lifecycle, Instant now) {
        return MirrorRecord.desired(
                id,
                pair,
                1,
                2,
                id,
                path,
                id + 1,
                path + "-copy",
                "push",
                MirrorRecord.Overrides.NONE,
                true,
                lifecycle,
                now);
    }
}
