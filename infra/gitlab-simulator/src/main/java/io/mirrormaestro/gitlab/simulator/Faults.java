package io.mirrormaestro.gitlab.simulator;

import io.mirrormaestro.gitlab.simulator.faults.FaultState;
import java.time.Duration;
import java.util.Objects;

/**
 * Realism knobs of one simulated instance. Every setting applies immediately, also while requests
 * are being served; the same settings are reachable over HTTP under {@code /-/sim/faults}.
 */
public final class Faults {
    private final FaultState state;

    Faults(FaultState state) {
        this.state = state;
    }

    /** Every API request sleeps {@code fixed} plus a uniformly random share of {@code jitter}. */
    public void setLatency(Duration fixed, Duration jitter) {
        state.setLatency(fixed, jitter);
    }

    /**
     * Answers a share of matching requests with {@code status} ({"message":"500 Internal Server
     * Error"} style body; 429 answers "Retry later"). {@code method} null or "*" matches any
     * method; {@code pathRegex} must match the whole path after /api/v4 (raw, still URL-encoded).
     * A rate of 0 removes the rule.
     */
    public void setErrorRate(String method, String pathRegex, double rate, int status) {
        state.setErrorRate(method, Objects.requireNonNull(pathRegex, "pathRegex"), rate, status);
    }

    /** Fails the next {@code times} matching calls with {@code status}, then behaves normally. */
    public void failNext(String method, String pathRegex, int times, int status) {
        state.failNext(method, Objects.requireNonNull(pathRegex, "pathRegex"), times, status);
    }

    /** Requests per minute per token (anonymous callers share one bucket); 0 switches it off. */
    public void setRateLimitPerMinute(int requestsPerMinutePerToken) {
        state.rateLimiter().setLimitPerMinute(requestsPerMinutePerToken);
    }

    /**
     * Self-managed GitLab sends RateLimit-* headers on 429 answers only; GitLab.com's edge sends them on every answer
     * while a limit is set. Off by default.
     */
    public void setRateLimitHeadersOnEveryAnswer(boolean everyAnswer) {
        state.setRateLimitHeadersOnEveryAnswer(everyAnswer);
    }

    /** Mirror syncs of this project (push and pull) reach "started" and stay there. */
    public void setStuck(long projectId, boolean stuck) {
        state.setStuck(projectId, stuck);
    }

    /** Time between the scheduled, started and finished/failed steps of a mirror sync (default 5 ms). */
    public void setSyncDelay(Duration step) {
        state.setSyncStep(step);
    }

    /** Back to a fault-free instance: no latency, errors, scripted failures, rate limit or stuck projects. */
    public void reset() {
        state.reset();
    }
}
