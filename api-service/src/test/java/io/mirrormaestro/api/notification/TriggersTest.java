package io.mirrormaestro.api.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.GitLabVerdict;
import io.mirrormaestro.common.event.MirrorStatusRefreshed;
import io.mirrormaestro.common.event.MirrorSyncFinished;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.PairRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** What each kind of event becomes for which rule, on the real store; and one digest however many senders race. */
class TriggersTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Triggers triggers;

    @Autowired
    Digests digests;

    private final String group = "trig-" + UUID.randomUUID().toString().substring(0, 8);
    private final long pair = 700_000_000L + (System.nanoTime() % 1_000_000);
    private final long mirror = 600_000_000L + (System.nanoTime() % 1_000_000) * 10;

    @AfterEach
    void forget() {
        mongo.remove(Query.query(where("source_project_path").regex("^" + group + "/")), MirrorCollection.NAME);
        mongo.remove(Query.query(where("name").regex(group)), RuleRecord.class);
        mongo.remove(Query.query(where("name").regex(group)), ChannelRecord.class);
    }

    private Api api() {
        return new Api(port, USER, PASSWORD);
    }

    @Test
    void failuresCountFromTheThresholdRecoveryStuckAndPauseAreReportedInScope() {
        long channel = channel("https://hooks.example.org/" + group, false); // kept: nothing is sent
        long byGroup = rule(
                channel,
                "by-group",
                "\"mirror_failed\",\"mirror_recovered\",\"mirror_stuck\"," + "\"mirror_paused\"",
                3,
                "\"group_paths\":[\"" + group + "\"]");
        long otherGroup = rule(
                channel,
                "other-group",
                "\"mirror_failed\",\"mirror_stuck\"",
                1,
                "\"group_paths\":[\"x-" + group + "\"]");
        mirror(mirror);
        mirror(mirror + 1);

        Event first = failed(mirror);
        triggers.on(List.of(first, failed(mirror)));
        triggers.on(List.of(first)); // read again after a crash: not counted twice
        assertThat(kinds(byGroup)).isEmpty();
        triggers.on(List.of(failed(mirror))); // the third in a row
        assertThat(kinds(byGroup)).containsExactly("mirror_failed");
        triggers.on(List.of(failed(mirror))); // still failing: told once
        assertThat(kinds(byGroup)).containsExactly("mirror_failed");

        triggers.on(List.of(
                changed(
                        mirror,
                        "sync_result",
                        "GitLab finished the sync of push mirror " + mirror,
                        GitLabVerdict.UP_TO_DATE),
                changed(
                        mirror + 1,
                        "status_refreshed",
                        "the sync of x has been running since 2026",
                        GitLabVerdict.STUCK),
                paused(mirror + 1)));
        assertThat(kinds(byGroup))
                .containsExactlyInAnyOrder("mirror_failed", "mirror_recovered", "mirror_stuck", "mirror_paused");
        assertThat(kinds(otherGroup))
                .as("a rule for another group hears nothing")
                .isEmpty();

        // a mirror that never reached the threshold recovers quietly
        triggers.on(List.of(failed(mirror + 1)));
        triggers.on(List.of(changed(mirror + 1, "status_refreshed", "x is fine again", GitLabVerdict.UP_TO_DATE)));
        assertThat(kinds(byGroup)).hasSize(4);
    }

    @Test
    void twoSendersRacingForADigestSendOneMessage() throws Exception {
        try (Receiver receiver = new Receiver()) {
            long channel = channel(receiver.url(), true);
            long rule = rule(channel, "race", "\"mirror_failed\"", 1, "\"group_paths\":[\"" + group + "\"]");
            for (int i = 0; i < 20; i++) {
                mirror(mirror + i);
                triggers.on(List.of(failed(mirror + i)));
            }
            assertThat(kinds(rule)).hasSize(20);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> mongo.findOne(Query.query(where("rule_id").is(rule)), PendingItem.class)
                            .createdAt()
                            .plusSeconds(6)
                            .isBefore(Instant.now()));

            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                senders.add(digests::sendDue);
            }
            int sent = 0;
            for (Future<Integer> f : pool.invokeAll(senders)) {
                sent += f.get();
            }
            pool.shutdown();

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() >= 1);
            assertThat(receiver.received).hasSize(1);
            assertThat(sent).isLessThanOrEqualTo(1); // the service's own sender may have been first
            assertThat(Api.parse(receiver.received.peek().text()).get("count").asInt())
                    .isEqualTo(20);
        }
    }

    @Test
    void anInstanceTheStatusRefreshCannotReachIsReportedToTheRulesOfItsPairs() {
        long instance = 800_000_000L + (System.nanoTime() % 1_000_000);
        mongo.insert(
                new org.bson.Document("_id", pair)
                        .append("name", group + "-pair")
                        .append("source_instance_id", instance)
                        .append("target_instance_id", instance + 1),
                PairRecord.COLLECTION);
        try {
            long channel = channel("https://hooks.example.org/" + group, false);
            long rule = rule(channel, "outage", "\"instance_unreachable\"", 1, "\"pair_ids\":[" + pair + "]");
            UUID id = UUID.randomUUID();

            // what worker-service's status refresh publishes, once per outage (RefreshReachability)
            triggers.on(List.of(new CommandFailed(
                    id,
                    id,
                    id,
                    Instant.now(),
                    "instance:" + instance,
                    "RefreshStatus",
                    0,
                    503,
                    "the status refresh cannot reach gitlab-a: 503 Service Unavailable",
                    null)));

            assertThat(kinds(rule)).containsExactly("instance_unreachable");
        } finally {
            mongo.remove(Query.query(where("_id").is(pair)), PairRecord.COLLECTION);
        }
    }

    private List<String> kinds(long rule) {
        return mongo.find(Query.query(where("rule_id").is(rule)), PendingItem.class).stream()
                .map(PendingItem::kind)
                .toList();
    }

    private long channel(String url, boolean enabled) {
        Api.Answer created = api().post(
                        "/api/notifications/channels",
                        "{\"name\":\"" + group + "-" + UUID.randomUUID()
                                + "\",\"type\":\"webhook\",\"webhook\":{\"url\":\"" + url
                                + "\",\"secret\":\"a-secret-long-enough\"},\"enabled\":" + enabled + "}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    private long rule(long channel, String name, String events, int threshold, String scope) {
        Api.Answer created = api().post(
                        "/api/notifications/rules",
                        "{\"name\":\"" + group + "-" + name + "\",\"channel_id\":" + channel + ",\"events\":[" + events
                                + "],\"failure_threshold\":" + threshold + "," + scope + "}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    private void mirror(long id) {
        mongo.insert(
                new org.bson.Document("_id", id)
                        .append("instance_pair_id", pair)
                        .append("source_instance_id", 1L)
                        .append("target_instance_id", 2L)
                        .append("source_project_id", id)
                        .append("source_project_path", group + "/p" + id)
                        .append("target_project_id", id)
                        .append("target_project_path", "mirrors/p" + id)
                        .append("mirror_direction", "push")
                        .append("enabled", true)
                        .append("lifecycle", "active")
                        .append("stuck", false)
                        .append("orphaned", false),
                MirrorCollection.NAME);
    }

    private static Event failed(long mirror) {
        UUID id = UUID.randomUUID();
        return new CommandFailed(
                id, id, id, Instant.now(), "mirror:" + mirror, "SyncMirror", 1, 502, "GitLab answered 502", null);
    }

    private static Event paused(long mirror) {
        UUID id = UUID.randomUUID();
        return new CommandFailed(
                id,
                id,
                id,
                Instant.now(),
                "mirror:" + mirror,
                "SyncMirror",
                1,
                403,
                "Mirroring for the project is on pause",
                null);
    }

    /** A report from GitLab: the verdict decides, whatever the detail's words (they are for people). */
    private static Event changed(long mirror, String change, String detail, GitLabVerdict verdict) {
        UUID id = UUID.randomUUID();
        return switch (change) {
            case "sync_result" ->
                new MirrorSyncFinished(id, id, id, Instant.now(), mirror, "SyncMirror", detail, 1, null, verdict);
            case "status_refreshed" ->
                new MirrorStatusRefreshed(id, id, id, Instant.now(), mirror, "RefreshStatus", detail, 0, null, verdict);
            default -> throw new IllegalArgumentException(change);
        };
    }
}
