package io.mirrormaestro.gitlab.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Wall clock plus an offset, so tests can jump over GitLab's time windows (mirror backoff, pull
 * interval, token expiry, stuck detection) without waiting.
 */
public final class SimClock {
    private volatile Duration offset = Duration.ZERO;

    public Instant now() {
        return Instant.now().plus(offset);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public Duration offset() {
        return offset;
    }
}
