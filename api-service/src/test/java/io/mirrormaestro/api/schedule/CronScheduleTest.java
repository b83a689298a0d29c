package io.mirrormaestro.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrormaestro.api.problem.UnprocessableException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

    @ParameterizedTest(name = "''{0}'' in {1} after {2} -> {3}")
    @CsvSource({
        // five fields run at second 0, as crontab does
        "0 2 * * *, UTC, 2030-01-01T00:00:00Z, 2030-01-01T02:00:00Z",
        "0 2 * * *, UTC, 2030-01-01T02:00:00Z, 2030-01-02T02:00:00Z",
        // read in its time zone: 02:00 in Berlin is 01:00 UTC in winter, 00:00 UTC in summer
        "0 2 * * *, Europe/Berlin, 2030-01-01T12:00:00Z, 2030-01-02T01:00:00Z",
        "0 2 * * *, Europe/Berlin, 2030-07-01T12:00:00Z, 2030-07-02T00:00:00Z",
        // six fields start with the second
        "*/10 * * * * *, UTC, 2030-01-01T00:00:01Z, 2030-01-01T00:00:10Z",
        "30 3 * * 1-5, America/New_York, 2030-01-04T12:00:00Z, 2030-01-07T08:30:00Z",
        "@daily, UTC, 2030-01-01T00:00:01Z, 2030-01-02T00:00:00Z"
    })
    void runsInItsTimeZone(String cron, String zone, String after, String next) {
        CronSchedule schedule = CronSchedule.parse(cron, zone);

        assertThat(schedule.next(Instant.parse(after))).isEqualTo(Instant.parse(next));
        assertThat(CronSchedule.of(schedule.cron(), schedule.zone().getId()).next(Instant.parse(after)))
                .as("the same once stored")
                .isEqualTo(Instant.parse(next));
    }

    @Test
    void withoutATimeZoneItIsUtc() {
        assertThat(CronSchedule.parse("  0  2 * * * ", null).zone().getId()).isEqualTo("UTC");
        assertThat(CronSchedule.parse("0 2 * * *", "").cron()).isEqualTo("0 2 * * *");
    }

    @ParameterizedTest(name = "''{0}'' in ''{1}'' -> {2}")
    @CsvSource({
        "'', UTC, cron",
        "61 2 * * *, UTC, cron",
        "0 2 * *, UTC, cron",
        "0 0 0 2 * * * *, UTC, cron",
        "nightly, UTC, cron",
        "0 0 0 30 2 *, UTC, cron",
        "0 2 * * *, Mars/Olympus, time_zone",
        "0 2 * * *, CEST+99, time_zone"
    })
    void invalidInputNamesTheField(String cron, String zone, String field) {
        assertThatThrownBy(() -> CronSchedule.parse(cron, zone))
                .isInstanceOfSatisfying(
                        UnprocessableException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo(field));
    }
}
