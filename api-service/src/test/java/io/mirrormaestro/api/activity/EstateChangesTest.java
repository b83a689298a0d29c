package io.mirrormaestro.api.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.activity.EstateChanges.Frame;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.SimpMessagingTemplate;

/** The coalescing of {@link EstateChanges} on its own: what one frame holds, how often frames go, when none does. */
class EstateChangesTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    /** What a "nothing more arrives" wait allows beyond its length: a pause of a loaded test JVM. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final List<Integer> lookups = new CopyOnWriteArrayList<>();
    private final List<EstateChanges> started = new ArrayList<>();

    private EstateChanges changes(Function<Collection<Long>, Collection<Long>> pairsOfMirrors) {
        SimpMessagingTemplate browsers = new SimpMessagingTemplate((message, timeout) -> {
            assertThat(message.getHeaders().get("simpDestination")).isEqualTo(EstateChanges.TOPIC);
            frames.add((Frame) message.getPayload());
            return true;
        });
        EstateChanges changes = new EstateChanges(
                browsers,
                ids -> {
                    lookups.add(ids.size());
                    return pairsOfMirrors.apply(ids);
                },
                INTERVAL,
                Clock.systemUTC());
        started.add(changes);
        return changes;
    }

    @AfterEach
    void stop() {
        started.forEach(EstateChanges::destroy);
    }

    @Test
    void nothingChangedSendsNothing() {
        EstateChanges changes = changes(ids -> List.of());

        changes.touched(List.of());
        changes.touched(java.util.Arrays.asList(null, "", "mirror:", "mirror:abc", "group-defaults:3", "nocolon"));

        await().during(INTERVAL.multipliedBy(4))
                .atMost(INTERVAL.multipliedBy(4).plus(SLACK))
                .until(frames::isEmpty);
        assertThat(lookups).isEmpty();
    }

    @Test
    void oneChangeAfterQuietIsSentAtOnceWithItsPairAndKinds() {
        EstateChanges changes = changes(ids -> List.of(3L));

        changes.touched(List.of(
                "mirror:42", "mirror:42", "pair:9", "instance:1", "token:7", "batch:6f1c", "mirror:7", "other:1"));

        Frame frame = await().atMost(Duration.ofSeconds(5))
                .until(() -> frames, f -> !f.isEmpty())
                .get(0);
        assertThat(frame.mirrorIds()).containsExactly(7L, 42L);
        assertThat(frame.mirrorsChanged()).isEqualTo(2);
        assertThat(frame.pairIds()).containsExactly(3L, 9L);
        assertThat(frame.instanceIds()).containsExactly(1L);
        assertThat(frame.tokenIds()).containsExactly(7L);
        assertThat(frame.batchIds()).containsExactly("6f1c");
        assertThat(frame.truncated()).isFalse();
        assertThat(frame.at()).isNotNull();
        await().during(INTERVAL.multipliedBy(3))
                .atMost(INTERVAL.multipliedBy(3).plus(SLACK))
                .until(() -> frames.size() == 1);
    }

    @Test
    void aBurstIsCoalescedIntoAFewFramesNamingEveryMirror() {
        EstateChanges changes = changes(ids -> List.of(5L));
        Set<Long> expected = new HashSet<>();

        long start = System.nanoTime();
        for (int chunk = 0; chunk < 40; chunk++) {
            List<String> subjects = new ArrayList<>();
            for (long id = chunk * 50L + 1; id <= chunk * 50L + 50; id++) {
                subjects.add("mirror:" + id);
                expected.add(id);
            }
            changes.touched(subjects);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> frames.stream().mapToInt(Frame::mirrorsChanged).sum() == 2_000);
        long windows = Duration.ofNanos(System.nanoTime() - start).dividedBy(INTERVAL) + 1;

        assertThat(frames.size()).isLessThanOrEqualTo((int) windows + 1);
        Set<Long> union = new HashSet<>();
        frames.forEach(f -> union.addAll(f.mirrorIds()));
        if (frames.stream().noneMatch(Frame::truncated)) {
            assertThat(union).isEqualTo(expected);
        } else {
            assertThat(expected).containsAll(union);
        }
        assertThat(frames).allSatisfy(f -> assertThat(f.pairIds()).containsExactly(5L));
        assertThat(frames.stream().mapToLong(Frame::sequence)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void tooManyIdsAreCappedAndTruncatedWithTheirCount() {
        EstateChanges changes = changes(ids -> List.of(1L));

        changes.touched(
                LongStream.rangeClosed(1, 6_000).mapToObj(id -> "mirror:" + id).toList());

        Frame frame = await().atMost(Duration.ofSeconds(5))
                .until(() -> frames, f -> !f.isEmpty())
                .get(0);
        assertThat(frame.mirrorIds())
                .hasSize(EstateChanges.MAX_IDS)
                .startsWith(1L, 2L)
                .endsWith(500L);
        assertThat(frame.mirrorsChanged()).isEqualTo(6_000);
        assertThat(frame.truncated()).isTrue();
        assertThat(lookups).containsExactly(EstateChanges.MAX_PAIR_LOOKUP);
    }

    @Test
    void aFailedPairLookupStillSendsTheFrameTruncated() {
        EstateChanges changes = changes(ids -> {
            throw new IllegalStateException("MongoDB is away");
        });

        changes.touched(List.of("mirror:1"));

        Frame frame = await().atMost(Duration.ofSeconds(5))
                .until(() -> frames, f -> !f.isEmpty())
                .get(0);
        assertThat(frame.mirrorIds()).containsExactly(1L);
        assertThat(frame.truncated()).isTrue();
    }

    @Test
    void aStoppedStreamTakesChangesWithoutSending() {
        EstateChanges changes = changes(ids -> List.of());
        changes.destroy();

        changes.touched(List.of("mirror:1"));

        await().during(INTERVAL.multipliedBy(3))
                .atMost(INTERVAL.multipliedBy(3).plus(SLACK))
                .until(frames::isEmpty);
    }
}
