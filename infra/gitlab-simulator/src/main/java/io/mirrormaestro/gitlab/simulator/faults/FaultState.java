package io.mirrormaestro.gitlab.simulator.faults;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** The realism knobs of one instance; all thread-safe, all changeable while serving. */
public final class FaultState {
    public static final Duration DEFAULT_SYNC_STEP = Duration.ofMillis(5);

    public record ErrorRule(String method, Pattern path, double rate, int status) {}

    public static final class FailNextRule {
        final String method;
        final Pattern path;
        final AtomicInteger remaining;
        final int status;

        FailNextRule(String method, Pattern path, int times, int status) {
            this.method = method;
            this.path = path;
            this.remaining = new AtomicInteger(times);
            this.status = status;
        }

        public String method() {
            return method;
        }

        public String pathRegex() {
            return path.pattern();
        }

        public int remaining() {
            return remaining.get();
        }

        public int status() {
            return status;
        }
    }

    private volatile Duration latencyFixed = Duration.ZERO;
    private volatile Duration latencyJitter = Duration.ZERO;
    private volatile Duration syncStep = DEFAULT_SYNC_STEP;
    private final List<ErrorRule> errorRules = new CopyOnWriteArrayList<>();
    private final List<FailNextRule> failNext = new CopyOnWriteArrayList<>();
    private final Set<Long> stuckProjects = ConcurrentHashMap.newKeySet();
    private final RateLimiter rateLimiter;
    private volatile boolean rateLimitHeadersOnEveryAnswer;

    public FaultState(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    public void setLatency(Duration fixed, Duration jitter) {
        this.latencyFixed = fixed == null ? Duration.ZERO : fixed;
        this.latencyJitter = jitter == null ? Duration.ZERO : jitter;
    }

    public Duration latencyFixed() {
        return latencyFixed;
    }

    public Duration latencyJitter() {
        return latencyJitter;
    }

    /** Latency to inflict on one request. */
    public long latencyMillis() {
        long fixed = latencyFixed.toMillis();
        long jitter = latencyJitter.toMillis();
        return fixed + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
    }

    /** A rate of 0 removes the rule for that method and pattern. */
    public void setErrorRate(String method, String pathRegex, double rate, int status) {
        String m = normalizeMethod(method);
        errorRules.removeIf(r -> r.method().equals(m) && r.path().pattern().equals(pathRegex));
        if (rate > 0) {
            errorRules.add(new ErrorRule(m, Pattern.compile(pathRegex), Math.min(rate, 1.0), status));
        }
    }

    public void failNext(String method, String pathRegex, int times, int status) {
        if (times > 0) {
            failNext.add(new FailNextRule(normalizeMethod(method), Pattern.compile(pathRegex), times, status));
        }
    }

    /** Status to fail this request with, consuming a scripted failure if one matches. */
    public Optional<Integer> injectedFailure(String method, String apiPath) {
        for (FailNextRule rule : failNext) {
            if (matches(rule.method, rule.path, method, apiPath)) {
                int left = rule.remaining.getAndDecrement();
                if (left > 0) {
                    if (left == 1) {
                        failNext.remove(rule);
                    }
                    return Optional.of(rule.status);
                }
                failNext.remove(rule);
            }
        }
        for (ErrorRule rule : errorRules) {
            if (matches(rule.method(), rule.path(), method, apiPath)
                    && ThreadLocalRandom.current().nextDouble() < rule.rate()) {
                return Optional.of(rule.status());
            }
        }
        return Optional.empty();
    }

    public List<ErrorRule> errorRules() {
        return List.copyOf(errorRules);
    }

    public List<FailNextRule> failNextRules() {
        return List.copyOf(failNext);
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** GitLab.com's edge adds RateLimit-* to every answer; self-managed GitLab only to the 429 (default). */
    public void setRateLimitHeadersOnEveryAnswer(boolean everyAnswer) {
        this.rateLimitHeadersOnEveryAnswer = everyAnswer;
    }

    public boolean rateLimitHeadersOnEveryAnswer() {
        return rateLimitHeadersOnEveryAnswer;
    }

    public void setStuck(long projectId, boolean stuck) {
        if (stuck) {
            stuckProjects.add(projectId);
        } else {
            stuckProjects.remove(projectId);
        }
    }

    public boolean isStuck(long projectId) {
        return stuckProjects.contains(projectId);
    }

    public Set<Long> stuckProjects() {
        return Set.copyOf(stuckProjects);
    }

    public void setSyncStep(Duration step) {
        this.syncStep = step == null || step.isNegative() ? DEFAULT_SYNC_STEP : step;
    }

    public Duration syncStep() {
        return syncStep;
    }

    public void reset() {
        latencyFixed = Duration.ZERO;
        latencyJitter = Duration.ZERO;
        syncStep = DEFAULT_SYNC_STEP;
        errorRules.clear();
        failNext.clear();
        stuckProjects.clear();
        rateLimiter.setLimitPerMinute(0);
        rateLimitHeadersOnEveryAnswer = false;
    }

    private static boolean matches(String ruleMethod, Pattern path, String method, String apiPath) {
        return ("*".equals(ruleMethod) || ruleMethod.equals(method))
                && path.matcher(apiPath).matches();
    }

    private static String normalizeMethod(String method) {
        return method == null || method.isBlank() ? "*" : method.trim().toUpperCase(Locale.ROOT);
    }
}
