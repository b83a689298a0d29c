package io.mirrormaestro.worker.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The refresh's cadences and its stateless schedule, without infrastructure. */
class RefreshPlannerTest {

    private static final RefreshSettings SETTINGS = new RefreshSettings(
            true,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofMinutes(3),
            Duration.ofMinutes(15),
            Duration.ofHours(6),
            25,
            Duration.ofMinutes(30));

    private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");

    private final RefreshPlanner planner = new RefreshPlanner(null, null, SETTINGS, null, Clock.systemUTC());

    @Test
    void everyProjectIsDueExactlyOncePerIntervalAndTheEstateSpreadsOverIt() {
        long interval = Duration.ofMinutes(15).toMillis();
        Map<RefreshHome, Integer> due = new HashMap<>();
        int[] perTick = new int[30];
        Instant start = NOW.plusMillis(1234);
        for (int tick = 0; tick < 30; tick++) { // 30 ticks of 30 s: one interval
            Instant before = start.plusSeconds(30L * tick);
            Instant after = before.plusSeconds(30);
            for (long project = 1; project <= 2_000; project++) {
                RefreshHome home = new RefreshHome(1 + project % 3, project, project % 2 == 0);
                if (RefreshPlanner.dueBetween(home, interval, before, after)) {
                    due.merge(home, 1, Integer::sum);
                    perTick[tick]++;
                }
            }
        }
        assertThat(due).hasSize(2_000);
        assertThat(due.values()).containsOnly(1);
        for (int n : perTick) {
            assertThat(n).as("about 2,000 / 30 a tick").isBetween(30, 110);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "false, finished, 60,    , false, false, PT6H",
        "true,  started,  60,    , false, false, PT30S",
        "true,  scheduled,     , , false, false, PT30S",
        "true,  finished, 60,    , false, false, PT30S",
        "true,  finished, 3600,  , false, false, PT15M",
        "true,  finished,     ,  , false, false, PT15M",
        "true,  failed,   3600, boom, false, false, PT3M",
        "true,  finished, 3600,  , false, true,  PT3M",
        "true,  started,  3600,  , true,  false, PT3M",
        // being created: no status yet (the whole sweep failed on such a mirror)
        "true,  ,             ,  , false, false, PT15M",
        "true,  ,         60,    , false, false, PT30S"
    })
    void aMirrorsCadenceFollowsItsState(
            boolean enabled,
            String status,
            Long secondsSinceUpdate,
            String error,
            boolean stuck,
            boolean orphaned,
            Duration expected) {
        Document mirror = new Document("enabled", enabled)
                .append("last_update_status", status)
                .append("last_error", error)
                .append("stuck", stuck)
                .append("orphaned", orphaned);
        if (secondsSinceUpdate != null) {
            mirror.append("last_update_at", Date.from(NOW.minusSeconds(secondsSinceUpdate)));
        }
        assertThat(planner.interval(mirror, NOW)).isEqualTo(expected);
    }
}
