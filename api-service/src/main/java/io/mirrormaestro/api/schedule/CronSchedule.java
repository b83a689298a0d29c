package io.mirrormaestro.api.schedule;

import io.mirrormaestro.api.problem.UnprocessableException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;

/**
 * A cron expression in a time zone. Five fields (minute hour day month weekday, as crontab writes them) run at second
 * 0; six fields start with the second, as Spring's {@link CronExpression} reads them; macros such as
 * {@code @daily} work too.
 */
record CronSchedule(String cron, ZoneId zone, CronExpression expression) {

    /** A valid schedule, or a 422 naming {@code cron} or {@code time_zone}. */
    static CronSchedule parse(String cron, String timeZone) {
        CronExpression expression;
        String trimmed = cron == null ? "" : cron.trim().replaceAll("\\s+", " ");
        if (trimmed.isEmpty()) {
            throw new UnprocessableException("cron", "must not be blank");
        } else if (trimmed.length() > 200) {
            throw new UnprocessableException("cron", "must be at most 200 characters");
        }
        try {
            expression = CronExpression.parse(sixFields(trimmed));
        } catch (IllegalArgumentException e) {
            throw new UnprocessableException(
                    "cron",
                    "is not a cron expression (minute hour day-of-month month day-of-week, e.g. '0 2 * * *'): "
                            + e.getMessage());
        }
        ZoneId zone;
        String zoneName = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.trim();
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new UnprocessableException(
                    "time_zone", "is not a time zone: give an IANA name such as 'Europe/Berlin' or 'UTC'");
        }
        if (expression.next(ZonedDateTime.now(zone)) == null) {
            throw new UnprocessableException("cron", "never fires");
        }
        return new CronSchedule(trimmed, zone, expression);
    }

    /** A stored schedule (validated when it was set). */
    static CronSchedule of(String cron, String timeZone) {
        return new CronSchedule(cron, ZoneId.of(timeZone), CronExpression.parse(sixFields(cron)));
    }

    private static String sixFields(String cron) {
        return !cron.startsWith("@") && cron.split(" ").length == 5 ? "0 " + cron : cron;
    }

    /** The first run strictly after {@code after}, or null when there is none. */
    Instant next(Instant after) {
        ZonedDateTime next = expression.next(after.atZone(zone));
        return next == null ? null : next.toInstant();
    }
}
