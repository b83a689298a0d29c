package io.mirrormaestro.gitlab.simulator.faults;

import io.mirrormaestro.gitlab.simulator.model.SimClock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixed one-minute windows per token, like Rack::Attack's throttles in GitLab. */
public final class RateLimiter {
    public record Decision(
            boolean allowed, int limit, int observed, int remaining, long resetEpochSecond, long retryAfterSeconds) {}

    private record Window(long minute, AtomicInteger count) {}

    private final SimClock clock;
    private volatile int limitPerMinute;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(SimClock clock) {
        this.clock = clock;
    }

    public void setLimitPerMinute(int limit) {
        this.limitPerMinute = Math.max(0, limit);
        windows.clear();
    }

    public int limitPerMinute() {
        return limitPerMinute;
    }

    /** Null when no limit is set. */
    public Decision check(String key) {
        int limit = limitPerMinute;
        if (limit <= 0) {
            return null;
        }
        Instant now = clock.now();
        long minute = now.getEpochSecond() / 60;
        Window window = windows.compute(
                key, (k, w) -> w == null || w.minute() != minute ? new Window(minute, new AtomicInteger()) : w);
        int observed = window.count().incrementAndGet();
        long reset = (minute + 1) * 60;
        long retryAfter = Math.max(1, reset - now.getEpochSecond());
        return new Decision(observed <= limit, limit, observed, Math.max(0, limit - observed), reset, retryAfter);
    }
}
