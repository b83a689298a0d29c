package io.mirrormaestro.api.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.batch.TopicSubscriber;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.MirrorSyncRequested;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.Sequences;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import tools.jackson.databind.JsonNode;

/** A browser subscribed to {@code /topic/estate} gets a burst of outcomes as a few coalesced frames. */
class EstateTopicTest extends ApiIntegrationTest {

    private static final int MIRRORS = 2_000;

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    SimpUserRegistry registry;

    @Autowired
    ActivityLog activity;

    @Autowired
    ApiSettings settings;

    @Test
    void aBurstOfOutcomesReachesTheBrowserAsAFewFramesNamingEveryMirrorAndItsPair() throws Exception {
        long pair = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
        long first = Sequences.reserve(mongo, "mirrors", MIRRORS);
        List<MirrorRecord> mirrors = LongStream.range(first, first + MIRRORS)
                .mapToObj(id -> MirrorRecord.desired(
                        id,
                        pair,
                        1,
                        2,
                        id,
                        "estate/p" + id,
                        id,
                        "estate/p" + id,
                        "push",
                        MirrorRecord.Overrides.NONE,
                        true,
                        MirrorRecord.ACTIVE,
                        Instant.now()))
                .toList();
        mongo.insert(mirrors, MirrorRecord.class);
        try {
            burstReachesTheBrowser(pair, mirrors);
        } finally {
            // mirrors of a pair that does not exist must not stay behind in the database the other tests share
            mongo.remove(Query.query(Criteria.where("instance_pair_id").is(pair)), MirrorRecord.class);
        }
    }

    private void burstReachesTheBrowser(long pair, List<MirrorRecord> mirrors) throws Exception {
        Set<Long> expected = new HashSet<>();
        mirrors.forEach(m -> expected.add(m.id()));

        try (TopicSubscriber estate = new TopicSubscriber(port, USER, PASSWORD, EstateChanges.TOPIC, registry)) {
            long start = System.nanoTime();
            // as the event consumer records them: polled batches of 500
            for (int from = 0; from < MIRRORS; from += 500) {
                activity.record(mirrors.subList(from, from + 500).stream()
                        .map(EstateTopicTest::synced)
                        .toList());
            }

            // other tests' leftovers may share the frames; ours are told apart by their ids' range
            List<JsonNode> frames =
                    await().atMost(Duration.ofSeconds(20)).until(estate::frames, f -> ours(f, expected) >= MIRRORS);
            long windows = Duration.ofNanos(System.nanoTime() - start).dividedBy(settings.liveCoalesce()) + 1;

            assertThat(frames.size())
                    .as("frames in %d coalesce windows", windows)
                    .isLessThanOrEqualTo((int) (2 * windows + 1));
            Set<Long> union = new HashSet<>();
            boolean truncated = false;
            List<Long> sequences = new ArrayList<>();
            for (JsonNode frame : frames) {
                frame.path("mirror_ids").forEach(id -> union.add(id.asLong()));
                truncated |= frame.path("truncated").asBoolean();
                sequences.add(frame.path("sequence").asLong());
                assertThat(frame.path("at").asString()).isNotBlank();
                if (!frame.path("truncated").asBoolean()) {
                    assertThat(frame.path("mirror_ids").size())
                            .isEqualTo(frame.path("mirrors_changed").asInt());
                }
            }
            union.retainAll(expected);
            if (truncated) {
                assertThat(union).isNotEmpty();
            } else {
                assertThat(union).isEqualTo(expected);
            }
            assertThat(sequences).isSorted().doesNotHaveDuplicates();
            assertThat(frames)
                    .anySatisfy(f -> assertThat(f.path("pair_ids").valueStream().map(JsonNode::asLong))
                            .contains(pair));
        }
    }

    @Test
    void nothingIsSentWhileNothingChanges() throws Exception {
        try (TopicSubscriber estate = new TopicSubscriber(port, USER, PASSWORD, EstateChanges.TOPIC, registry)) {
            Duration window = settings.liveCoalesce();

            // another test's leftover work may still report changes, but never a frame that names nothing
            await().during(window.multipliedBy(4))
                    .atMost(window.multipliedBy(6))
                    .until(() -> estate.frames().stream().allMatch(EstateTopicTest::namesSomething));

            activity.configured("pair:" + Long.MAX_VALUE, "changed nothing much");
            JsonNode frame = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> estate.frames().stream()
                                    .filter(f -> f.path("pair_ids")
                                            .valueStream()
                                            .anyMatch(id -> id.asLong() == Long.MAX_VALUE))
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(frame.path("mirrors_changed").asInt()).isZero();
        }
    }

    /** How many of our mirrors the frames counted: all of a frame's count when it names one of ours. */
    private static int ours(List<JsonNode> frames, Set<Long> expected) {
        return frames.stream()
                .filter(f -> f.path("mirror_ids").valueStream().anyMatch(id -> expected.contains(id.asLong())))
                .mapToInt(f -> f.path("mirrors_changed").asInt())
                .sum();
    }

    private static boolean namesSomething(JsonNode frame) {
        return List.of("mirror_ids", "pair_ids", "instance_ids", "token_ids", "batch_ids").stream()
                .anyMatch(list -> !frame.path(list).isEmpty());
    }

    private static Event synced(MirrorRecord mirror) {
        UUID command = UUID.randomUUID();
        return new MirrorSyncRequested(
                UUID.randomUUID(),
                command,
                command,
                Instant.now(),
                mirror.id(),
                "mirror.sync",
                "sync requested",
                1,
                null);
    }
}
