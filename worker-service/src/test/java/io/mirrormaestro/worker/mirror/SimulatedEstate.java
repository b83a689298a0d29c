package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimGroup;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated GitLab side of the mirror tests, one per test JVM: {@code gitlab-a} (17.8.2-ee) holds the source
 * projects, {@code gitlab-b} (17.8.2-ee) and {@code gitlab-legacy} (17.4.1-ee, pull mirrors through the project's
 * own attributes) the targets. Each test makes its own projects, so tests never see each other's mirrors.
 */
final class SimulatedEstate {

    static final GitLabSimulator SIMULATOR = GitLabSimulator.create();
    // mirrors between instances on loopback: GitLab refuses their URLs unless local requests are allowed
    static final SimulatedInstance A =
            SIMULATOR.addInstance(InstanceOptions.of("gitlab-a").withLocalRequestsAllowed(true));
    static final SimulatedInstance B =
            SIMULATOR.addInstance(InstanceOptions.of("gitlab-b").withLocalRequestsAllowed(true));
    static final SimulatedInstance LEGACY = SIMULATOR.addInstance(
            InstanceOptions.of("gitlab-legacy").withVersion("17.4.1-ee").withLocalRequestsAllowed(true));

    /** A GitLab as it comes: local requests refused, so mirror URLs pointing at the other instances are refused. */
    static final SimulatedInstance STRICT = SIMULATOR.addInstance(InstanceOptions.of("gitlab-strict"));
    /** GitLab 18.9: at most ten enabled push mirrors per project, each URL once. */
    static final SimulatedInstance NEWEST = SIMULATOR.addInstance(
            InstanceOptions.of("gitlab-18").withVersion("18.9.0-ee").withLocalRequestsAllowed(true));

    static final String A_ADMIN = adminToken(A);
    static final String STRICT_ADMIN = adminToken(STRICT);
    static final String NEWEST_ADMIN = adminToken(NEWEST);
    static final String B_ADMIN = adminToken(B);
    static final String LEGACY_ADMIN = adminToken(LEGACY);

    static final LocalDate TOKEN_EXPIRY = LocalDate.now(ZoneOffset.UTC).plusDays(30);

    /** Push mirrors to B embed this token of B's group "mirror". */
    static final String PUSH_TOKEN = groupToken(B, "mirror", "push-bot", "write_repository");

    /** Pull mirrors from A embed this token of A's group "upstream". */
    static final String PULL_TOKEN = groupToken(A, "upstream", "pull-bot", "read_repository");

    private static final AtomicLong NAMES = new AtomicLong();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SIMULATOR::close, "gitlab-simulator-stop"));
    }

    private SimulatedEstate() {}

    static SimProject project(SimulatedInstance gitlab, String group, String name) {
        return gitlab.createProject(group + "/" + name + "-" + NAMES.incrementAndGet());
    }

    static String groupToken(SimulatedInstance gitlab, String groupPath, String name, String scope) {
        SimGroup group = gitlab.group(groupPath).orElseGet(() -> gitlab.createGroup(groupPath));
        return gitlab.createGroupAccessToken(group, name, Set.of(scope), 30, TOKEN_EXPIRY);
    }

    private static String adminToken(SimulatedInstance gitlab) {
        SimUser root = gitlab.createUser("root", true);
        return gitlab.createPersonalAccessToken(root, "maestro", Set.of("api"), null);
    }
}
