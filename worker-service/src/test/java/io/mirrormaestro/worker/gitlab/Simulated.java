package io.mirrormaestro.worker.gitlab;

import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.worker.WorkerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.gitlab4j.api.GitLabApiException;

/** Gateways against simulated GitLab instances, and what those instances received. */
final class Simulated {

    private Simulated() {}

    static WorkerSettings.GitLab settings(int maxConcurrentRequests, int requestsPerMinute, Duration readTimeout) {
        // the simulated instances are on loopback
        return new WorkerSettings.GitLab(
                Duration.ofSeconds(2), readTimeout, maxConcurrentRequests, requestsPerMinute, true);
    }

    static WorkerSettings.GitLab unlimited() {
        return settings(8, 0, Duration.ofSeconds(5));
    }

    /** An admin's api-scoped token on {@code gitlab}. */
    static String adminToken(SimulatedInstance gitlab) {
        SimUser root = gitlab.user("root").orElseGet(() -> gitlab.createUser("root", true));
        return gitlab.createPersonalAccessToken(root, "maestro", Set.of("api"), null);
    }

    /** Built as {@link GitLabGateways} builds it: its own client and its own limits. */
    static GitLabGateway gateway(SimulatedInstance gitlab, String token, WorkerSettings.GitLab settings) {
        return GitLabGateway.connect(
                gitlab.name(),
                gitlab.baseUrl().toString(),
                token,
                settings,
                InstanceLimits.of(gitlab.name(), settings));
    }

    /** Requests whose method matches and whose path after /api/v4 (still URL-encoded) matches the whole regex. */
    static List<RequestLogEntry> requests(SimulatedInstance gitlab, String method, String apiPathRegex) {
        Pattern path = Pattern.compile(apiPathRegex);
        return gitlab.requestLog().stream()
                .filter(e -> e.method().equals(method))
                .filter(e -> path.matcher(e.apiPath()).matches())
                .toList();
    }

    static RequestLogEntry onlyRequest(SimulatedInstance gitlab, String method, String apiPathRegex) {
        List<RequestLogEntry> found = requests(gitlab, method, apiPathRegex);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + method + " " + apiPathRegex + ", got " + found);
        }
        return found.get(0);
    }

    static GitLabFailure failureOf(ThrowingCall call) {
        try {
            call.run();
        } catch (GitLabApiException e) {
            GitLabFailure failure = GitLabFailure.of(e);
            if (failure == null) {
                throw new AssertionError("not classified as a GitLab failure", e);
            }
            return failure;
        }
        throw new AssertionError("expected the call to fail");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws GitLabApiException;
    }
}
