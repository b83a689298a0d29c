package io.mirrormaestro.gitlab.simulator.seed;

import io.mirrormaestro.gitlab.simulator.SimGroup;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies one instance's seed document (see README.md). Mirror URLs may contain {{port:NAME}} or
 * {{url:NAME}}, resolved to the port / base URL of the instance called NAME.
 */
public final class SeedLoader {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(port|url):([^}]+)}}");

    private final SimulatedInstance instance;
    private final ToIntFunction<String> portByName;
    private final List<SeedReport.SeededToken> tokens = new ArrayList<>();

    public SeedLoader(SimulatedInstance instance, ToIntFunction<String> portByName) {
        this.instance = instance;
        this.portByName = portByName;
    }

    public SeedReport load(Map<String, Object> doc) {
        if (doc.containsKey("instances")) {
            throw new IllegalArgumentException(
                    "multi-instance seed: use GitLabSimulator.addInstancesFromSeed or the command line");
        }
        for (Map<String, Object> u : objects(doc.get("users"), "username")) {
            instance.createUser(str(u, "username"), str(u, "name"), str(u, "email"), bool(u, "admin", false));
        }
        for (Map<String, Object> g : objects(doc.get("groups"), "path")) {
            SimGroup group = instance.createGroup(path(g));
            if (g.containsKey("visibility")) {
                instance.setVisibility(group, str(g, "visibility"));
            }
            for (Map<String, Object> m : objects(g.get("members"), "user")) {
                instance.addMember(group, user(str(m, "user")), level(m.get("access_level")));
            }
        }
        for (Map<String, Object> p : objects(doc.get("projects"), "path")) {
            SimProject project = p.get("id") instanceof Number id
                    ? instance.createProject(path(p), id.longValue())
                    : instance.createProject(path(p));
            if (p.containsKey("visibility")) {
                instance.setVisibility(project, str(p, "visibility"));
            }
            if (bool(p, "archived", false)) {
                instance.setArchived(project, true);
            }
            for (Map<String, Object> m : objects(p.get("members"), "user")) {
                instance.addMember(project, user(str(m, "user")), level(m.get("access_level")));
            }
        }
        for (Map<String, Object> t : objects(doc.get("tokens"), "name")) {
            token(t);
        }
        for (Map<String, Object> m : objects(doc.get("push_mirrors"), "project")) {
            instance.createPushMirror(
                    project(str(m, "project")),
                    resolve(str(m, "url")),
                    bool(m, "enabled", false),
                    m.get("id") instanceof Number id ? id.longValue() : null);
        }
        for (Map<String, Object> m : objects(doc.get("pull_mirrors"), "project")) {
            instance.configurePullMirror(project(str(m, "project")), resolve(str(m, "url")), bool(m, "enabled", true));
        }
        if (doc.get("faults") instanceof Map<?, ?> faults) {
            applyFaults(faults);
        }
        if (doc.get("settings") instanceof Map<?, ?> settings) {
            applySettings(settings);
        }
        if (doc.get("estate") instanceof Map<?, ?> estate) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) estate;
            instance.generateEstate(
                    ((Number) e.getOrDefault("groups", 10)).intValue(),
                    ((Number) e.getOrDefault("projects_per_group", 10)).intValue(),
                    ((Number) e.getOrDefault("random_seed", 42)).longValue());
        }
        return new SeedReport(instance.name(), List.copyOf(tokens));
    }

    /** {"latency_ms":50,"jitter_ms":20,"rate_limit_per_minute":600,"sync_delay_ms":5}. */
    private void applyFaults(Map<?, ?> f) {
        if (f.get("latency_ms") instanceof Number || f.get("jitter_ms") instanceof Number) {
            instance.faults()
                    .setLatency(
                            Duration.ofMillis(number(f.get("latency_ms"))),
                            Duration.ofMillis(number(f.get("jitter_ms"))));
        }
        if (f.get("rate_limit_per_minute") instanceof Number n) {
            instance.faults().setRateLimitPerMinute(n.intValue());
        }
        if (f.get("rate_limit_headers_on_every_answer") instanceof Boolean b) {
            instance.faults().setRateLimitHeadersOnEveryAnswer(b);
        }
        if (f.get("sync_delay_ms") instanceof Number n) {
            instance.faults().setSyncDelay(Duration.ofMillis(n.longValue()));
        }
    }

    /** {"allow_local_requests_from_web_hooks_and_services":true,"outbound_local_requests_whitelist":["10.0.0.0/8"]}. */
    private void applySettings(Map<?, ?> settings) {
        if (settings.get("allow_local_requests_from_web_hooks_and_services") instanceof Boolean allow) {
            instance.setLocalRequestsAllowed(allow);
        }
        if (settings.get("outbound_local_requests_whitelist") instanceof List<?> entries) {
            instance.setLocalRequestsAllowlist(
                    entries.stream().map(String::valueOf).toList());
        }
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private void token(Map<String, Object> t) {
        String type = str(t, "type") == null ? "personal" : str(t, "type").toLowerCase(Locale.ROOT);
        String name = str(t, "name");
        Set<String> scopes = new LinkedHashSet<>();
        if (t.get("scopes") instanceof List<?> list) {
            list.forEach(s -> scopes.add(String.valueOf(s)));
        } else {
            scopes.add("api");
        }
        LocalDate expiresAt = str(t, "expires_at") == null ? null : LocalDate.parse(str(t, "expires_at"));
        String explicit = str(t, "token");
        int accessLevel = t.containsKey("access_level") ? level(t.get("access_level")) : AccessLevel.MAINTAINER;
        String owner;
        String value;
        switch (type) {
            case "personal" -> {
                owner = str(t, "user");
                value = instance.createPersonalAccessToken(user(owner), name, scopes, expiresAt, explicit);
            }
            case "group" -> {
                owner = str(t, "group");
                SimGroup group = instance.group(owner)
                        .orElseThrow(() -> new IllegalArgumentException("seed: no group " + str(t, "group")));
                value = instance.createGroupAccessToken(group, name, scopes, accessLevel, expiresAt, explicit);
            }
            case "project" -> {
                owner = str(t, "project");
                value = instance.createProjectAccessToken(
                        project(owner), name, scopes, accessLevel, expiresAt, explicit);
            }
            default -> throw new IllegalArgumentException("seed: unknown token type " + type);
        }
        tokens.add(new SeedReport.SeededToken(type, owner, name, value, explicit == null));
    }

    private String resolve(String url) {
        Matcher m = PLACEHOLDER.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int port = portByName.applyAsInt(m.group(2).trim());
            String replacement = m.group(1).equals("port") ? String.valueOf(port) : "http://127.0.0.1:" + port;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private SimUser user(String username) {
        return instance.user(username).orElseThrow(() -> new IllegalArgumentException("seed: no user " + username));
    }

    private SimProject project(String path) {
        return instance.project(path).orElseThrow(() -> new IllegalArgumentException("seed: no project " + path));
    }

    private static String path(Map<String, Object> o) {
        String path = str(o, "path");
        if (path == null) {
            path = str(o, "full_path");
        }
        if (path == null) {
            path = str(o, "path_with_namespace");
        }
        if (path == null) {
            throw new IllegalArgumentException("seed: entry without path: " + o);
        }
        return path;
    }

    static int level(Object value) {
        if (value == null) {
            return AccessLevel.DEVELOPER;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        return switch (String.valueOf(value).toLowerCase(Locale.ROOT)) {
            case "guest" -> AccessLevel.GUEST;
            case "planner" -> AccessLevel.PLANNER;
            case "reporter" -> AccessLevel.REPORTER;
            case "developer" -> AccessLevel.DEVELOPER;
            case "maintainer" -> AccessLevel.MAINTAINER;
            case "owner" -> AccessLevel.OWNER;
            default -> Integer.parseInt(String.valueOf(value));
        };
    }

    /** Entries may be plain strings (taken as {@code key}) or objects. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Object value, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    out.add((Map<String, Object>) map);
                } else if (item != null) {
                    out.add(Map.of(key, String.valueOf(item)));
                }
            }
        }
        return out;
    }

    private static String str(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static boolean bool(Map<String, Object> o, String key, boolean fallback) {
        Object v = o.get(key);
        return v == null ? fallback : v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
    }
}
