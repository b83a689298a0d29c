package io.mirrormaestro.launcher;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: two simulated GitLab instances with the same groups and projects, and tokens with fixed values (so what
 * an earlier run registered keeps working). Instance {@code gitlab-a} runs GitLab 17.8, {@code gitlab-b} 17.4 (the
 * legacy pull-mirror API). {@link #seed} then builds, through the REST API, a populated estate: a push pair a→b, a
 * pull pair (b pulls from a), group tokens, group defaults and a few dozen mirrors, some of which GitLab fails.
 *
 * <p>The failures are GitLab's own: {@code legacy} on gitlab-b has only a read-only group token, so gitlab-a's push
 * mirrors into it are refused at push time ("You are not allowed to upload code."), and
 * {@code infrastructure/ansible-roles} is archived on gitlab-b ("You can't push code to an archived project.").
 */
public final class DemoEstate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoEstate.class);

    static final String A = "gitlab-a";
    static final String B = "gitlab-b";

    /** Pushed from gitlab-a to the same path on gitlab-b. */
    static final List<String> PUSHED = List.of(
            "platform/core/api-gateway",
            "platform/core/auth-service",
            "platform/core/billing",
            "platform/core/user-service",
            "platform/core/notifications",
            "platform/core/search",
            "platform/observability/dashboards",
            "platform/observability/alerting",
            "platform/observability/log-shipper",
            "platform/observability/tracing",
            "frontend/web-app",
            "frontend/design-system",
            "frontend/mobile-app",
            "frontend/docs-site",
            "frontend/storybook",
            "infrastructure/terraform-modules",
            "infrastructure/ansible-roles",
            "infrastructure/helm-charts",
            "infrastructure/ci-templates",
            "data/pipelines/ingest",
            "data/pipelines/transform",
            "data/pipelines/export",
            "data/warehouse/schemas",
            "data/warehouse/dbt-models",
            "legacy/monolith",
            "legacy/reporting",
            "legacy/cron-jobs");

    /** Pulled by gitlab-b from the same path on gitlab-a. */
    static final List<String> PULLED = List.of(
            "tools/cli",
            "tools/release-bot",
            "tools/linters",
            "security/scanners",
            "security/policies",
            "docs/handbook",
            "docs/runbooks");

    /** Created with {@code enabled: false}. */
    static final String DISABLED = "platform/observability/tracing";

    /** Archived on gitlab-b, so pushing into it fails. */
    static final String ARCHIVED_TARGET = "infrastructure/ansible-roles";

    /** The group on gitlab-b whose token can only read, so pushing into it fails. */
    static final String READ_ONLY_GROUP = "legacy";

    private static final Set<String> WRITE = Set.of("read_repository", "write_repository");
    private static final Set<String> READ = Set.of("read_repository");

    /** A group access token mirror URLs embed: on the push target (b) or the pull source (a). */
    record GroupToken(String instance, String groupPath, String name, Set<String> scopes, int daysValid) {
        String value() {
            return "demo-" + instance.substring(instance.length() - 1) + "-" + groupPath + "-mirror-token";
        }
    }

    static final List<GroupToken> GROUP_TOKENS = List.of(
            new GroupToken(B, "platform", "mirror-platform", WRITE, 300),
            new GroupToken(B, "frontend", "mirror-frontend", WRITE, 300),
            new GroupToken(B, "infrastructure", "mirror-infrastructure", WRITE, 300),
            new GroupToken(B, "data", "mirror-data", WRITE, 10), // expiring soon
            new GroupToken(B, READ_ONLY_GROUP, "legacy-readonly", READ, 300),
            new GroupToken(A, "tools", "pull-tools", READ, 300),
            new GroupToken(A, "security", "pull-security", READ, 300),
            new GroupToken(A, "docs", "pull-docs", READ, 300));

    /** A simulated instance as the demo registers it. */
    record Demo(String name, String description, SimulatedInstance gitlab, String apiToken) {}

    /** What the demo estate holds after {@link #seed}; {@code created} is false when pairs existed already. */
    public record Seeded(
            boolean created,
            int instances,
            int pairs,
            int groupTokens,
            int groupDefaults,
            int mirrors,
            int finished,
            int failed,
            int disabled) {

        public String summary() {
            return "demo estate seeded: %d pairs, %d mirrors (%d finished, %d failed, %d disabled)"
                    .formatted(pairs, mirrors, finished, failed, disabled);
        }
    }

    private final GitLabSimulator simulator;
    private final List<Demo> instances;

    private DemoEstate(GitLabSimulator simulator, List<Demo> instances) {
        this.simulator = simulator;
        this.instances = instances;
    }

    /** Starts both simulated instances; a port of 0 picks a free one. */
    public static DemoEstate start(int portA, int portB) {
        GitLabSimulator simulator = GitLabSimulator.create();
        try {
            // the two instances mirror to each other over loopback, which GitLab refuses unless its administrator
            // allows requests to the local network: the demo turns that on, as an operator of two such GitLabs must
            Demo a = populate(
                    simulator.addInstance(InstanceOptions.of(A).withPort(portA).withLocalRequestsAllowed(true)),
                    "Demo: simulated GitLab 17.8 (Premium)");
            Demo b = populate(
                    simulator.addInstance(InstanceOptions.of(B)
                            .withPort(portB)
                            .withVersion("17.4.1-ee")
                            .withLocalRequestsAllowed(true)),
                    "Demo: simulated GitLab 17.4 (Premium, legacy pull-mirror API)");
            b.gitlab().setArchived(b.gitlab().project(ARCHIVED_TARGET).orElseThrow(), true);
            log.info(
                    "demo GitLab instances at {} and {}",
                    a.gitlab().baseUrl(),
                    b.gitlab().baseUrl());
            return new DemoEstate(simulator, List.of(a, b));
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    private static Demo populate(SimulatedInstance gitlab, String description) {
        String suffix = gitlab.name().substring(gitlab.name().length() - 1);
        SimUser root = gitlab.createUser("root", true);
        LocalDate today = LocalDate.now();
        String apiToken = gitlab.createPersonalAccessToken(
                root, "mirror-maestro", Set.of("api"), today.plusDays(300), "demo-" + suffix + "-maestro-api-token");
        Stream.concat(PUSHED.stream(), PULLED.stream()).forEach(gitlab::createProject);
        for (GroupToken token : GROUP_TOKENS) {
            if (token.instance().equals(gitlab.name())) {
                gitlab.createGroupAccessToken(
                        gitlab.group(token.groupPath()).orElseThrow(),
                        token.name(),
                        token.scopes(),
                        40,
                        today.plusDays(token.daysValid()),
                        token.value());
            }
        }
        return new Demo(gitlab.name(), description, gitlab, apiToken);
    }

    List<Demo> instances() {
        return List.copyOf(instances);
    }

    SimulatedInstance gitlab(String name) {
        return instances.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow()
                .gitlab();
    }

    /** The simulated instances' base URLs, {@code gitlab-a} first. */
    public List<URI> gitlabUrls() {
        List<URI> urls = new ArrayList<>();
        instances.forEach(d -> urls.add(d.gitlab().baseUrl()));
        return urls;
    }

    /**
     * Registers the demo instances the API does not know yet and, when it has no pair yet, seeds the estate through
     * the REST API (every GitLab change as a command run by a worker). Returns once every mirror was created and
     * verified, so its status is GitLab's; safe to call again.
     */
    public Seeded seed(int apiPort, String username, String password) {
        return new DemoSeeding(this, new DemoApi(apiPort, username, password)).run();
    }

    /** Registers the demo instances the API does not know yet (by name), and nothing else. */
    void register(int apiPort, String username, String password) {
        new DemoSeeding(this, new DemoApi(apiPort, username, password)).registerInstances();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
