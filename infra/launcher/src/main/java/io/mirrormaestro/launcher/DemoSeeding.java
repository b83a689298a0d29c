package io.mirrormaestro.launcher;

import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Builds the demo estate through the REST API, as an operator would: instances, group tokens, a push pair and a
 * pull pair, group defaults, then one mirror per demo project. Workers create the mirrors in GitLab and request
 * their first sync; a verify batch per pair then records GitLab's outcome, so statuses (and GitLab's error
 * messages) are GitLab's own.
 */
final class DemoSeeding {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeding.class);

    static final String PUSH_PAIR = "gitlab-a to gitlab-b (push)";
    static final String PULL_PAIR = "gitlab-b pulls from gitlab-a";

    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final Set<String> UPDATING = Set.of("scheduled", "started");

    private final DemoEstate estate;
    private final DemoApi api;

    DemoSeeding(DemoEstate estate, DemoApi api) {
        this.estate = estate;
        this.api = api;
    }

    DemoEstate.Seeded run() {
        Map<String, Long> instances = registerInstances();
        JsonNode pairs = api.get("/api/pairs");
        if (!pairs.isEmpty()) {
            restore(pairs);
            return count(false);
        }
        registerGroupTokens(instances);
        long push = pair(PUSH_PAIR, instances, "push", "Every project of gitlab-a backed up to gitlab-b");
        long pull = pair(PULL_PAIR, instances, "pull", "gitlab-b pulls the shared tooling from gitlab-a");
        groupDefaults(push, "platform/core", Map.of("mirror_overwrite_diverged", true));
        groupDefaults(push, "frontend", Map.of("mirror_branch_regex", "^(main|release/.+)$"));
        groupDefaults(pull, "security", Map.of("only_mirror_protected_branches", true));
        for (String path : DemoEstate.PUSHED) {
            mirror(push, path, !path.equals(DemoEstate.DISABLED));
        }
        for (String path : DemoEstate.PULLED) {
            mirror(pull, path, true);
        }
        await("mirrors created", this::mirrors, all -> all.stream()
                .noneMatch(m -> m.path("lifecycle").asString().equals("pending")));
        await("GitLab's first syncs", () -> true, ignored -> gitlabSettled());
        verify(push);
        verify(pull);
        return count(true);
    }

    Map<String, Long> registerInstances() {
        Map<String, Long> ids = new HashMap<>();
        api.get("/api/instances")
                .valueStream()
                .forEach(i -> ids.put(i.path("name").asString(), i.path("id").asLong()));
        for (DemoEstate.Demo demo : estate.instances()) {
            if (!ids.containsKey(demo.name())) {
                JsonNode created = api.post(
                        "/api/instances",
                        Map.of(
                                "name", demo.name(),
                                "url", demo.gitlab().baseUrl().toString(),
                                "token", demo.apiToken(),
                                "description", demo.description()));
                ids.put(demo.name(), created.path("id").asLong());
                log.info("registered demo instance {}", demo.name());
            }
        }
        return ids;
    }

    private void registerGroupTokens(Map<String, Long> instances) {
        for (DemoEstate.GroupToken token : DemoEstate.GROUP_TOKENS) {
            // 409: an interrupted earlier seeding registered it already
            api.post(
                    "/api/tokens",
                    Map.of(
                            "gitlab_instance_id", instances.get(token.instance()),
                            "group_path", token.groupPath(),
                            "token_name", token.name(),
                            "token", token.value()),
                    Set.of(200, 409));
        }
    }

    private long pair(String name, Map<String, Long> instances, String direction, String description) {
        return api.post(
                        "/api/pairs",
                        Map.of(
                                "name", name,
                                "source_instance_id", instances.get(DemoEstate.A),
                                "target_instance_id", instances.get(DemoEstate.B),
                                "mirror_direction", direction,
                                "description", description))
                .path("id")
                .asLong();
    }

    private void groupDefaults(long pair, String groupPath, Map<String, Object> overrides) {
        Map<String, Object> body = new LinkedHashMap<>(overrides);
        body.put("instance_pair_id", pair);
        body.put("group_path", groupPath);
        api.post("/api/group-defaults", body);
    }

    private void mirror(long pair, String path, boolean enabled) {
        api.post(
                "/api/mirrors",
                Map.of(
                        "instance_pair_id", pair,
                        "source_project_path", path,
                        "target_project_path", path,
                        "enabled", enabled));
    }

    /** No mirror in GitLab is still updating (push mirrors live on gitlab-a, pull mirrors on gitlab-b). */
    private boolean gitlabSettled() {
        SimulatedInstance a = estate.gitlab(DemoEstate.A);
        SimulatedInstance b = estate.gitlab(DemoEstate.B);
        boolean pushing = DemoEstate.PUSHED.stream()
                .flatMap(path -> a.pushMirrors(path).stream())
                .anyMatch(m -> m.enabled() && UPDATING.contains(m.updateStatus()));
        boolean pulling = DemoEstate.PULLED.stream()
                .flatMap(path -> b.pullMirror(path).stream())
                .anyMatch(m -> m.enabled() && UPDATING.contains(m.updateStatus()));
        return !pushing && !pulling;
    }

    /**
     * A later start: the simulated GitLabs begin empty again, so every stored mirror is gone from GitLab. A repair
     * batch per pair re-creates GitLab's side (as it would after a real GitLab lost its mirrors), then GitLab's
     * outcome is read back as on the first start.
     */
    private void restore(JsonNode pairs) {
        List<Long> ids = pairs.valueStream().map(p -> p.path("id").asLong()).toList();
        ids.forEach(pair -> batch("repair", pair));
        await("GitLab's syncs after the repair", () -> true, ignored -> gitlabSettled());
        ids.forEach(this::verify);
        log.info("demo estate restored in the simulated GitLab instances: {} pairs repaired", ids.size());
    }

    /** Reads GitLab's side of every mirror of the pair (a batch, so it shows on the batches page too). */
    private void verify(long pair) {
        batch("verify", pair);
    }

    private void batch(String action, long pair) {
        String batch = api.post("/api/mirrors/batch", Map.of("action", action, "instance_pair_id", pair))
                .path("batch_id")
                .asString();
        await(
                action + " batch " + batch,
                () -> api.get("/api/batches/" + batch + "?lines_page_size=0").path("batch"),
                b -> b.path("finished_at").isString());
    }

    private List<JsonNode> mirrors() {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = api.get("/api/mirrors?page_size=200&page=" + page);
            answer.path("mirrors").valueStream().forEach(all::add);
            if (page >= answer.path("total_pages").asInt()) {
                return all;
            }
        }
    }

    private DemoEstate.Seeded count(boolean created) {
        List<JsonNode> mirrors = mirrors();
        return new DemoEstate.Seeded(
                created,
                api.get("/api/instances").size(),
                api.get("/api/pairs").size(),
                api.get("/api/tokens").size(),
                api.get("/api/group-defaults").size(),
                mirrors.size(),
                (int) mirrors.stream()
                        .filter(m -> m.path("last_update_status").asString("").equals("finished"))
                        .count(),
                (int) mirrors.stream()
                        .filter(m -> m.path("lifecycle").asString("").equals("failed")
                                || m.path("last_update_status").asString("").equals("failed"))
                        .count(),
                (int) mirrors.stream()
                        .filter(m -> !m.path("enabled").asBoolean())
                        .count());
    }

    private static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("demo estate: gave up waiting for " + what + " after " + SETTLE);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("demo estate: interrupted while waiting for " + what, e);
            }
        }
    }
}
