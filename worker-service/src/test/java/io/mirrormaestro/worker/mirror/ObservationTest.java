package io.mirrormaestro.worker.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservationTest {

    static final Instant STARTED = Instant.parse("2025-01-01T10:00:00Z");

    @ParameterizedTest(name = "{0}, succeeded before: {1}, {2} min later → stuck: {3}")
    @CsvSource({
        "started,true,59,false",
        "started,true,61,true",
        "started,false,61,false",
        "started,false,179,false",
        "started,false,181,true",
        "scheduled,true,600,false",
        "finished,true,600,false",
        "unknown,true,600,false"
    })
    void anUpdateIsStuckAfterAnHourOrThreeOnItsFirstRun(
            String status, boolean succeededBefore, long minutes, boolean stuck) {
        Observation observed =
                new Observation(status, null, STARTED, succeededBefore ? STARTED.minusSeconds(3600) : null, null);

        assertThat(observed.stuck(STARTED.plus(Duration.ofMinutes(minutes)))).isEqualTo(stuck);
    }

    @ParameterizedTest(name = "GitLab says {0} → record {1}")
    @CsvSource({
        "none,scheduled",
        "finished,scheduled",
        "failed,scheduled",
        "to_retry,scheduled",
        "scheduled,scheduled",
        "started,started"
    })
    void afterASyncRequestWeRecordScheduledUnlessGitLabReportsAnUpdateUnderWay(String gitlab, String recorded) {
        assertThat(new Observation(gitlab, null, null, null, null).statusAfterSyncRequest())
                .isEqualTo(recorded);
    }
}
