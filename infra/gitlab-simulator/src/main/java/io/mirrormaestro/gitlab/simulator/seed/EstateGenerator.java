package io.mirrormaestro.gitlab.simulator.seed;

import io.mirrormaestro.gitlab.simulator.model.GroupRec;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds a large, deterministic (per random seed) estate of nested groups and projects for
 * benchmarks and demos, e.g. 100 groups x 100 projects.
 */
public final class EstateGenerator {
    private static final String[] WORDS = {
        "platform",
        "payments",
        "checkout",
        "identity",
        "search",
        "catalog",
        "billing",
        "ledger",
        "mobile",
        "web",
        "data",
        "infra",
        "observability",
        "security",
        "gateway",
        "notifications",
        "inventory",
        "shipping",
        "analytics",
        "ml",
        "core",
        "tools",
        "docs",
        "frontend",
        "backend",
        "auth",
        "storage",
        "streaming",
        "reports",
        "support",
        "partners",
        "pricing",
        "orders",
        "accounts",
        "media",
        "maps",
        "edge",
        "runtime",
        "compliance",
        "devex"
    };
    private static final String[] KINDS = {
        "api",
        "service",
        "worker",
        "ui",
        "lib",
        "sdk",
        "cli",
        "infra",
        "config",
        "charts",
        "docs",
        "tests",
        "proxy",
        "jobs",
        "schemas",
        "operator"
    };
    private static final int MAX_DEPTH = 4;

    private final InstanceState state;

    public EstateGenerator(InstanceState state) {
        this.state = state;
    }

    public void generate(int groups, int projectsPerGroup, long randomSeed) {
        if (groups < 1 || projectsPerGroup < 0) {
            throw new IllegalArgumentException("need at least one group and a non-negative project count");
        }
        Random random = new Random(randomSeed);
        List<GroupRec> created = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            GroupRec parent = null;
            if (!created.isEmpty() && random.nextDouble() >= 0.2) {
                GroupRec candidate = created.get(random.nextInt(created.size()));
                if (candidate.selfAndAncestors().size() < MAX_DEPTH) {
                    parent = candidate;
                }
            }
            String base = WORDS[random.nextInt(WORDS.length)] + "-" + i;
            String fullPath = uniqueGroupPath(parent == null ? base : parent.fullPath + "/" + base);
            GroupRec group = state.ensureGroup(fullPath);
            created.add(group);
            for (int j = 0; j < projectsPerGroup; j++) {
                String path = group.fullPath + "/" + KINDS[random.nextInt(KINDS.length)] + "-" + j;
                if (state.projectByPath(path) != null || state.groupByPath(path) != null) {
                    continue;
                }
                ProjectRec project = state.createProject(path);
                double roll = random.nextDouble();
                project.visibility =
                        roll < 0.8 ? Visibility.PRIVATE : roll < 0.95 ? Visibility.INTERNAL : Visibility.PUBLIC;
                project.description = "Generated project " + j + " of " + group.fullPath;
            }
        }
    }

    private String uniqueGroupPath(String wanted) {
        String path = wanted;
        int n = 1;
        while (state.groupByPath(path) != null || state.projectByPath(path) != null) {
            path = wanted + "-" + n++;
        }
        return path;
    }
}
