package io.mirrormaestro.worker.gitlab;

import static io.mirrormaestro.worker.gitlab.Simulated.adminToken;
import static io.mirrormaestro.worker.gitlab.Simulated.failureOf;
import static io.mirrormaestro.worker.gitlab.Simulated.requests;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.time.Duration;
import org.gitlab4j.api.GitLabApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GitLab's own throttling: 429 with Retry-After (self-managed GitLab sends the RateLimit-* headers with the 429 only,
 * lib/gitlab/rack_attack.rb), and, where an edge adds them to every answer as GitLab.com's does, RateLimit-Remaining: 0
 * with RateLimit-Reset. Nothing depends on headers of a 200.
 */
class GitLabThrottlingTest {

    static GitLabSimulator sim;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void a429IsRetryableAfterRetryAfterAndHoldsBackTheNextCalls() {
        SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("throttled-once"));
        try (GitLabGateway gateway = Simulated.gateway(gitlab, adminToken(gitlab), Simulated.unlimited())) {
            gitlab.faults().failNext("GET", "/version", 1, 429); // answers Retry-After: 60

            GitLabFailure throttled = failureOf(gateway::version);
            GitLabFailure heldBack = failureOf(gateway::currentUser);

            assertThat(throttled.retryable()).isTrue();
            assertThat(throttled.httpStatus()).isEqualTo(429);
            assertThat(throttled.message()).isEqualTo("429 Retry later");
            assertThat(throttled.retryAfter()).hasValue(Duration.ofSeconds(60));
            assertThat(heldBack.retryable()).isTrue();
            assertThat(heldBack.httpStatus()).isNull();
            assertThat(heldBack.retryAfter()).hasValueSatisfying(wait -> assertThat(wait)
                    .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
            assertThat(gitlab.requestLog()).hasSize(1);
        }
    }

    @Test
    void gitLabsRateLimitAnswers429WithTheSecondsLeftInItsWindow() throws GitLabApiException {
        SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("rate-limited"));
        startOfAMinute(gitlab);
        gitlab.faults().setRateLimitPerMinute(2);
        try (GitLabGateway gateway = Simulated.gateway(gitlab, adminToken(gitlab), Simulated.unlimited())) {
            gateway.version();
            gateway.version();

            GitLabFailure failure = failureOf(gateway::version);
            long secondsLeft = 60 - gitlab.now().getEpochSecond() % 60;

            assertThat(failure.retryable()).isTrue();
            assertThat(failure.httpStatus()).isEqualTo(429);
            assertThat(failure.retryAfter()).hasValueSatisfying(wait -> assertThat(wait.toSeconds())
                    .isBetween(secondsLeft - 1, secondsLeft + 1));
            assertThat(requests(gitlab, "GET", "/version"))
                    .extracting(e -> e.status())
                    .containsExactly(200, 200, 429);
        }
    }

    @Test
    void withoutHeadersOnA200TheThrottleIsLearnedFromThe429() throws GitLabApiException {
        SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("no-headers"));
        gitlab.createProject("group/project");
        ProjectRef project = ProjectRef.of("group/project");
        startOfAMinute(gitlab);
        gitlab.faults().setRateLimitPerMinute(2);
        try (GitLabGateway gateway = Simulated.gateway(gitlab, adminToken(gitlab), Simulated.unlimited())) {
            gateway.pushMirrors(project);
            gateway.pushMirrors(project); // the last of the window, and nothing says so

            GitLabFailure throttled = failureOf(() -> gateway.pushMirrors(project));
            GitLabFailure heldBack = failureOf(() -> gateway.pushMirrors(project));

            assertThat(throttled.httpStatus()).isEqualTo(429);
            assertThat(throttled.retryable()).isTrue();
            assertThat(heldBack.httpStatus()).isNull();
            assertThat(heldBack.message()).startsWith("no-headers: GitLab throttles this token");
            assertThat(requests(gitlab, "GET", "/projects/group%2Fproject/remote_mirrors"))
                    .extracting(e -> e.status())
                    .containsExactly(200, 200, 429);
        }
    }

    @Test
    void theLastRequestOfGitLabsWindowHoldsBackTheNextOneUntilTheReset() throws GitLabApiException {
        SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("window"));
        gitlab.createProject("group/project");
        ProjectRef project = ProjectRef.of("group/project");
        startOfAMinute(gitlab);
        gitlab.faults().setRateLimitPerMinute(2);
        gitlab.faults().setRateLimitHeadersOnEveryAnswer(true); // GitLab.com's edge
        try (GitLabGateway gateway = Simulated.gateway(gitlab, adminToken(gitlab), Simulated.unlimited())) {
            gateway.pushMirrors(project);
            gateway.pushMirrors(project); // RateLimit-Remaining: 0

            GitLabFailure heldBack = failureOf(() -> gateway.pushMirrors(project));

            assertThat(heldBack.retryable()).isTrue();
            assertThat(heldBack.message()).startsWith("window: GitLab throttles this token");
            assertThat(heldBack.retryAfter())
                    .hasValueSatisfying(wait -> assertThat(wait).isPositive());
            // the third call was never spent on a 429
            assertThat(requests(gitlab, "GET", "/projects/group%2Fproject/remote_mirrors"))
                    .extracting(e -> e.status())
                    .containsExactly(200, 200);
        }
    }

    @Test
    void aShortThrottleIsWaitedOutInsteadOfFailingTheNextCall() throws GitLabApiException {
        SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("nearly-reset"));
        startOfAMinute(gitlab);
        gitlab.advanceClock(Duration.ofSeconds(57)); // GitLab's window resets in 3 s
        gitlab.faults().setRateLimitPerMinute(1);
        try (GitLabGateway gateway = Simulated.gateway(gitlab, adminToken(gitlab), Simulated.unlimited())) {
            gateway.version();
            GitLabFailure throttled = failureOf(gateway::version);

            GitLabVersion afterTheWait = gateway.version();

            assertThat(throttled.retryAfter())
                    .hasValueSatisfying(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(3)));
            assertThat(afterTheWait.version()).isEqualTo("17.8.2-ee");
            assertThat(requests(gitlab, "GET", "/version"))
                    .extracting(e -> e.status())
                    .containsExactly(200, 429, 200);
        }
    }

    /** Moves the instance's clock to a fresh rate-limit window, so that no window ends in the middle of a test. */
    private static void startOfAMinute(SimulatedInstance gitlab) {
        gitlab.advanceClock(Duration.ofSeconds(60 - gitlab.now().getEpochSecond() % 60));
    }
}
