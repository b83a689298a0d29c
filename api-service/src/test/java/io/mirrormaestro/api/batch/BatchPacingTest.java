package io.mirrormaestro.api.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A scheduled batch's lines go out evenly over its spread: never ahead of time, never in one burst. */
class BatchPacingTest {

    private static final Instant START = Instant.parse("2030-01-01T02:00:00Z");
    private static final Instant END = START.plusSeconds(60);

    @ParameterizedTest(name = "{0} lines, {1} pending, {2} ms in: {3} more")
    @CsvSource({
        // the first line goes at once
        "10000, 10000, 0, 1",
        "10, 10, 0, 1",
        // a sixth of the minute: a sixth of the lines, less those already out
        "10000, 10000, 10000, 1667",
        "10000, 9000, 10000, 667",
        "10000, 8000, 10000, 0",
        // 10 lines over a minute: one every 6 s
        "10, 9, 5999, 0",
        "10, 9, 6001, 1",
        // the spread is over: everything left
        "10000, 500, 60000, 500",
        "10000, 500, 3600000, 500",
        "10000, 0, 60000, 0"
    })
    void linesFollowTheClock(int total, int pending, long millis, int expected) {
        assertThat(BatchRunner.pacedAllowance(total, pending, START, END, START.plusMillis(millis)))
                .isEqualTo(expected);
    }

    @Test
    void tenThousandLinesDueAtTwoNeverStartMoreThanTheirShareOfAnySecond() {
        int total = 10_000;
        int pending = total;
        int most = 0;
        for (long ms = 0; ms <= 60_000; ms += 500) { // the runner's poll
            int out = BatchRunner.pacedAllowance(total, pending, START, END, START.plusMillis(ms));
            pending -= out;
            most = Math.max(most, out);
        }
        assertThat(pending).isZero();
        assertThat(most).as("at most half a second's share at once").isLessThanOrEqualTo(total / 120 + 1);
    }
}
