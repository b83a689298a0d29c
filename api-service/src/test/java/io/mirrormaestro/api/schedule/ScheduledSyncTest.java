package io.mirrormaestro.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.api.StoredPairs;
import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.common.store.Sequences;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Scheduled syncs on the embedded stack: a due schedule becomes one sync batch of exactly the mirrors it governs
 * (actor "schedule"), once however many instances look and whatever a stopped one left behind. "Due" is made by
 * moving the persisted next run into the past, as the passing of time would, so nothing waits for a wall clock.
 */
@TestPropertySource(properties = {"mm.api.schedule-tick=PT0.5S", "mm.api.schedule-spread=PT1S"})
class ScheduledSyncTest extends ApiIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DAILY = "{\"cron\":\"0 2 * * *\",\"time_zone\":\"Europe/Berlin\"}";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ScheduleFiring firing;

    private ApiClient api;
    private PairRecord pair;
    private String group;

    @BeforeEach
    void pair() {
        api = new ApiClient(port, USER, PASSWORD);
        group = StoredPairs.uniqueGroup("s");
        pair = StoredPairs.push(mongo, group);
    }

    /** No worker runs here: the lines handed out stay in progress, so each test's batches are ended after it. */
    @AfterEach
    void endBatches() {
        mongo.updateMulti(
                Query.query(Criteria.where("instance_pair_id").is(pair.id())),
                new Update()
                        .set("status", "completed")
                        .set("pending", 0)
                        .set("in_progress", 0)
                        .set("finished_at", Instant.now()),
                BatchRecord.class);
    }

    @Test
    void aDuePairScheduleSyncsItsMirrorsOnceAsOneBatchStartedBySchedule() {
        long a = mirror(group + "/a", true).id();
        long b = mirror(group + "/sub/b", true).id();
        mirror(group + "/off", false); // disabled: not synced

        JsonNode set = api.put("/api/pairs/" + pair.id() + "/schedule", DAILY).body();
        assertThat(set.path("sync_schedule").path("cron").asString()).isEqualTo("0 2 * * *");
        assertThat(set.path("sync_schedule").path("time_zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(set.path("schedule_source").asString()).isEqualTo("pair");
        Instant next = Instant.parse(set.path("next_scheduled_sync_at").asString());
        assertThat(next.atZone(java.time.ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(2);
        assertThat(set.path("last_scheduled_sync_at").isNull()).isTrue();

        makeDue(ScheduleRecord.pairKey(pair.id()));
        JsonNode entry = awaitRun(ScheduleRecord.pairKey(pair.id()));

        String batchId = entry.path("last_scheduled_batch_id").asString();
        assertThat(entry.path("last_outcome").asString()).isEqualTo("sync of 2 mirrors started");
        assertThat(Instant.parse(entry.path("next_scheduled_sync_at").asString()))
                .as("moved on to the next 02:00")
                .isAfter(Instant.now());
        assertThat(syncedMirrors(batchId)).containsExactlyInAnyOrder(a, b);
        JsonNode batch = api.get("/api/batches/" + batchId).body().path("batch");
        assertThat(batch.path("kind").asString()).isEqualTo("sync");
        assertThat(batch.path("instance_pair_id").asLong()).isEqualTo(pair.id());
        JsonNode started = api.get("/api/activity?subject_id=batch:" + batchId + "&type=" + ActivityLog.BATCH_STARTED)
                .body();
        assertThat(started).hasSize(1);
        assertThat(started.get(0).path("actor").asString()).isEqualTo("schedule");
        assertThat(started.get(0).path("message").asString())
                .isEqualTo("sync of 2 mirrors of pair '" + pair.name() + "' started");

        // nothing is due any more: further ticks start nothing
        firing.runDue();
        assertThat(batchesOfPair()).hasSize(1);
        JsonNode mirrorView = api.get("/api/mirrors/" + a + "/schedule").body();
        assertThat(mirrorView.path("schedule_source").asString()).isEqualTo("pair");
        assertThat(mirrorView.path("own_sync_schedule").isNull()).isTrue();
        assertThat(mirrorView.path("last_scheduled_batch_id").asString()).isEqualTo(batchId);
    }

    @Test
    void aGroupScheduleOverridesThePairsAndAMirrorsNoneExcludesIt() {
        long plain = mirror(group + "/plain", true).id();
        long inGroup = mirror(group + "/team/x", true).id();
        long alsoInGroup = mirror(group + "/team/deep/y", true).id();
        long switchedOff = mirror(group + "/quiet", true).id();
        long groupDefaults = groupDefaults(group + "/team");
        api.put("/api/pairs/" + pair.id() + "/schedule", DAILY);
        JsonNode groupSet = api.put(
                        "/api/group-defaults/" + groupDefaults + "/schedule",
                        "{\"cron\":\"30 3 * * 1-5\",\"time_zone\":\"America/New_York\"}")
                .body();
        assertThat(groupSet.path("schedule_source").asString()).isEqualTo("group:" + group + "/team");
        JsonNode none = api.put("/api/mirrors/" + switchedOff + "/schedule", "{\"none\":true}")
                .body();
        assertThat(none.path("own_sync_schedule").path("none").asBoolean()).isTrue();
        assertThat(none.path("sync_schedule").isNull()).isTrue();
        assertThat(none.path("schedule_source").asString()).isEqualTo("mirror");
        assertThat(none.path("next_scheduled_sync_at").isNull()).isTrue();
        JsonNode deep = api.get("/api/mirrors/" + alsoInGroup + "/schedule").body();
        assertThat(deep.path("schedule_source").asString()).isEqualTo("group:" + group + "/team");
        assertThat(deep.path("sync_schedule").path("cron").asString()).isEqualTo("30 3 * * 1-5");
        JsonNode explorer = api.get(
                        "/api/pairs/" + pair.id() + "/effective-settings?source_project_path=" + group + "/team/new")
                .body()
                .path("schedule");
        assertThat(explorer.path("schedule_source").asString()).isEqualTo("group:" + group + "/team");

        makeDue(ScheduleRecord.pairKey(pair.id()));
        JsonNode pairRun = awaitRun(ScheduleRecord.pairKey(pair.id()));
        assertThat(syncedMirrors(pairRun.path("last_scheduled_batch_id").asString()))
                .containsExactly(plain);

        makeDue(ScheduleRecord.groupKey(pair.id(), group + "/team"));
        JsonNode groupRun = awaitRun(ScheduleRecord.groupKey(pair.id(), group + "/team"));
        assertThat(syncedMirrors(groupRun.path("last_scheduled_batch_id").asString()))
                .containsExactlyInAnyOrder(inGroup, alsoInGroup);
        assertThat(batchesOfPair()).hasSize(2);

        // back to inheriting: the mirror follows the pair again
        JsonNode inherited =
                api.delete("/api/mirrors/" + switchedOff + "/schedule").body();
        assertThat(inherited.path("schedule_source").asString()).isEqualTo("pair");
    }

    @Test
    void instancesRacingForADueScheduleStartOneBatch() {
        mirror(group + "/a", true);
        api.put("/api/pairs/" + pair.id() + "/schedule", DAILY);
        makeDue(ScheduleRecord.pairKey(pair.id()));

        // this instance's own tick races these callers, as a second api-service instance would
        List<CompletableFuture<Integer>> racers = List.of(
                CompletableFuture.supplyAsync(firing::runDue),
                CompletableFuture.supplyAsync(firing::runDue),
                CompletableFuture.supplyAsync(firing::runDue));
        racers.forEach(CompletableFuture::join);

        awaitRun(ScheduleRecord.pairKey(pair.id()));
        assertThat(batchesOfPair()).hasSize(1);
    }

    @Test
    void aFiringLeftHalfDoneByAStoppedInstanceIsFinishedOnceAfterARestart() {
        long a = mirror(group + "/a", true).id();
        api.put("/api/pairs/" + pair.id() + "/schedule", DAILY);
        String key = ScheduleRecord.pairKey(pair.id());
        Instant firedAt = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        // an instance claimed a firing, then stopped before starting its batch
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(key)),
                new Update()
                        .set("firing_at", firedAt)
                        .set("firing_until", Instant.now().plusSeconds(8)), // longer than a stall of a loaded JVM
                ScheduleRecord.class);
        String expected = ScheduleFiring.batchIdOf(key, firedAt);
        firing.runDue();
        assertThat(batchesOfPair())
                .as("the claim is the stopped instance's until its lease ends")
                .isEmpty();

        JsonNode run = awaitRun(key);
        assertThat(run.path("last_scheduled_batch_id").asString()).isEqualTo(expected);
        assertThat(syncedMirrors(expected)).containsExactly(a);

        // the same firing claimed again (a restart that read the old state) makes no second batch
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(key)),
                new Update()
                        .set("firing_at", firedAt)
                        .set("firing_until", Instant.now().minusSeconds(1))
                        .set("last_outcome", "again"),
                ScheduleRecord.class);
        await().atMost(WAIT)
                .until(() -> !entry(key).path("last_outcome").asString().equals("again"));
        assertThat(batchesOfPair()).hasSize(1);
        assertThat(entry(key).path("last_scheduled_batch_id").asString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"cron\":\"61 2 * * *\"}|cron",
                "{\"cron\":\"every night\"}|cron",
                "{\"cron\":\"\"}|cron",
                "{\"time_zone\":\"UTC\"}|cron",
                "{\"cron\":\"0 2 * * *\",\"time_zone\":\"Mars/Olympus\"}|time_zone",
                "{\"cron\":\"0 2 * * *\",\"none\":true}|none",
                "{\"cron\":\"0 2 * * *\",\"when\":1}|when"
            })
    void anInvalidScheduleIsRefusedNamingTheFieldAndChangesNothing(String body, String field) {
        ApiClient.Response response = api.put("/api/pairs/" + pair.id() + "/schedule", body);

        assertThat(response.status()).isIn(400, 422);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body().path("errors").get(0).path("field").asString())
                .isEqualTo(field);
        assertThat(mongo.findById(ScheduleRecord.pairKey(pair.id()), ScheduleRecord.class))
                .isNull();
    }

    @Test
    void schedulesAreListedWithTheirNextAndLastRun() {
        long m = mirror(group + "/a", true).id();
        api.put("/api/pairs/" + pair.id() + "/schedule", "{\"cron\":\"*/30 * * * * *\"}");
        api.put("/api/mirrors/" + m + "/schedule", "{\"none\":true}");

        JsonNode list = api.get("/api/schedules?instance_pair_id=" + pair.id()).body();

        assertThat(list).hasSize(2);
        JsonNode ofPair = list.valueStream()
                .filter(e -> e.path("scope").asString().equals("pair"))
                .findFirst()
                .orElseThrow();
        assertThat(ofPair.path("name").asString()).isEqualTo("pair '" + pair.name() + "'");
        assertThat(ofPair.path("sync_schedule").path("time_zone").asString()).isEqualTo("UTC");
        assertThat(ofPair.path("next_scheduled_sync_at").isNull()).isFalse();
        JsonNode ofMirror = list.valueStream()
                .filter(e -> e.path("scope").asString().equals("mirror"))
                .findFirst()
                .orElseThrow();
        assertThat(ofMirror.path("mirror_id").asLong()).isEqualTo(m);
        assertThat(ofMirror.path("sync_schedule").path("none").asBoolean()).isTrue();
        assertThat(api.get("/api/pairs/999999999/schedule").status()).isEqualTo(404);
    }

    private void makeDue(String key) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(key)),
                new Update().set("next_run_at", Instant.now().minusSeconds(1)),
                ScheduleRecord.class);
    }

    private JsonNode awaitRun(String key) {
        return await().atMost(WAIT)
                .until(
                        () -> entry(key),
                        e -> !e.path("last_scheduled_sync_at").isNull()
                                && e.path("last_scheduled_batch_id").isString());
    }

    private JsonNode entry(String key) {
        return api.get("/api/schedules?instance_pair_id=" + pair.id())
                .body()
                .valueStream()
                .filter(e -> e.path("id").asString().equals(key))
                .findFirst()
                .orElseThrow();
    }

    /** The mirrors of the batch's lines, once every line has been handed to the workers (the spread is 1 s). */
    private List<Long> syncedMirrors(String batchId) {
        JsonNode lines = await().atMost(WAIT)
                .until(() -> api.get("/api/batches/" + batchId).body().path("lines"), l -> l.valueStream()
                        .allMatch(x -> x.path("status").asString().equals("in_progress")));
        return lines.valueStream().map(l -> l.path("mirror_id").asLong()).toList();
    }

    private List<BatchRecord> batchesOfPair() {
        return mongo.find(Query.query(Criteria.where("instance_pair_id").is(pair.id())), BatchRecord.class);
    }

    private long groupDefaults(String path) {
        long id = Sequences.next(mongo, "group_defaults");
        Instant now = Instant.now();
        mongo.insert(new GroupDefaultsRecord(id, pair.id(), path, null, null, null, null, null, null, null, now, now));
        return id;
    }

    private MirrorRecord mirror(String path, boolean enabled) {
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
                enabled,
                MirrorRecord.ACTIVE,
                Instant.now());
        mongo.insert(mirror);
        return mirror;
    }
}
