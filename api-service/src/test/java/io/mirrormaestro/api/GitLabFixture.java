package io.mirrormaestro.api;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimGroup;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.time.LocalDate;
import java.util.Set;

/** Two simulated GitLab instances with tokens of every kind the configuration tests need, shared per JVM. */
public final class GitLabFixture {

    public static final GitLabFixture GITLAB = new GitLabFixture();

    public final GitLabSimulator simulator = GitLabSimulator.create();
    public final SimulatedInstance current;
    public final SimulatedInstance legacy;
    public final String apiToken;
    public final String otherApiToken;
    public final String readApiToken;
    public final String expiredToken;
    public final String revokedToken;
    public final String legacyApiToken;
    public final LocalDate apiTokenExpiry = LocalDate.now().plusDays(90);
    public final SimGroup platform;

    private GitLabFixture() {
        current = simulator.addInstance(InstanceOptions.of("current"));
        legacy = simulator.addInstance(InstanceOptions.of("legacy").withVersion("17.4.1-ee"));
        SimUser root = current.createUser("root", true);
        apiToken = current.createPersonalAccessToken(root, "maestro", Set.of("api"), apiTokenExpiry);
        otherApiToken =
                current.createPersonalAccessToken(root, "maestro-2", Set.of("api"), apiTokenExpiry.plusDays(10));
        readApiToken = current.createPersonalAccessToken(root, "reader", Set.of("read_api"), apiTokenExpiry);
        expiredToken = current.createPersonalAccessToken(
                root, "old", Set.of("api"), LocalDate.now().minusDays(1));
        revokedToken = current.createPersonalAccessToken(root, "gone", Set.of("api"), apiTokenExpiry);
        current.revokeToken(revokedToken);
        legacyApiToken = legacy.createPersonalAccessToken(legacy.createUser("admin", true), "m", Set.of("api"), null);
        for (String project :
                new String[] {"platform/core/api-gateway", "platform/core/auth", "platform/billing", "frontend/web-app"
                }) {
            current.createProject(project);
            legacy.createProject(project);
        }
        platform = current.group("platform").orElseThrow();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    }

    /** A group access token on the current instance, with the given expiry. */
    public String groupToken(String group, LocalDate expiresAt) {
        return current.createGroupAccessToken(
                current.group(group).orElseThrow(),
                "mirror-" + group.replace('/', '-'),
                Set.of("read_repository", "write_repository"),
                40,
                expiresAt);
    }

    public String url() {
        return current.baseUrl().toString();
    }
}
