package io.mirrormaestro.gitlab.simulator.admin;

import io.mirrormaestro.gitlab.simulator.ReceivedMirrorUpdate;
import io.mirrormaestro.gitlab.simulator.api.Entities;
import io.mirrormaestro.gitlab.simulator.faults.FaultState;
import io.mirrormaestro.gitlab.simulator.http.Json;
import io.mirrormaestro.gitlab.simulator.model.GroupRec;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.PullMirrorRec;
import io.mirrormaestro.gitlab.simulator.model.PushMirrorRec;
import io.mirrormaestro.gitlab.simulator.model.TokenRec;
import io.mirrormaestro.gitlab.simulator.model.UserRec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole state of one instance as JSON-ready maps; token values only on request. */
public final class StateDump {
    private StateDump() {}

    public static Map<String, Object> build(InstanceState state, FaultState faults, boolean includeSecrets) {
        Entities entities = new Entities(state);
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("name", state.name);
        instance.put("port", state.port());
        instance.put("base_url", state.baseUrl());
        instance.put("version", state.version().text());
        instance.put("premium", state.premium());
        instance.put("allow_local_requests_from_web_hooks_and_services", state.allowLocalRequests());
        instance.put("outbound_local_requests_whitelist", state.localRequestsAllowlist());
        instance.put("clock", Json.time(state.now()));
        instance.put("clock_offset_seconds", state.clock.offset().toSeconds());
        root.put("instance", instance);

        List<Object> users = new ArrayList<>();
        for (UserRec u : state.users.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", u.id);
            m.put("username", u.username);
            m.put("name", u.name);
            m.put("admin", u.admin);
            m.put("bot", u.bot);
            users.add(m);
        }
        root.put("users", users);

        List<Object> groups = new ArrayList<>();
        for (GroupRec g : state.groups.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.id);
            m.put("full_path", g.fullPath);
            m.put("parent_id", g.parent == null ? null : g.parent.id);
            m.put("visibility", g.visibility.api());
            m.put("members", g.members);
            groups.add(m);
        }
        root.put("groups", groups);

        List<Object> projects = new ArrayList<>();
        for (ProjectRec p : state.projects.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id);
            m.put("path_with_namespace", p.pathWithNamespace);
            m.put("visibility", p.visibility.api());
            m.put("archived", p.archived);
            m.put("members", p.members);
            List<Object> push = new ArrayList<>();
            for (PushMirrorRec r : p.pushMirrors) {
                Map<String, Object> mirror = entities.pushMirror(r);
                mirror.put("deferred_until", Json.time(r.deferredUntil));
                push.add(mirror);
            }
            m.put("push_mirrors", push);
            PullMirrorRec pull = p.pull;
            if (pull.mirror || pull.url != null) {
                Map<String, Object> pm = entities.pullMirror(pull);
                pm.put("retry_count", pull.retryCount);
                pm.put("hard_failed", pull.hardFailed);
                pm.put("mirror_user_id", pull.mirrorUserId);
                pm.put("deferred_until", Json.time(pull.deferredUntil));
                m.put("pull_mirror", pm);
            }
            List<Object> received = new ArrayList<>();
            for (ReceivedMirrorUpdate u : p.receivedUpdates) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("kind", u.kind());
                r.put("source", u.source());
                r.put("at", Json.time(u.at()));
                received.add(r);
            }
            m.put("received_updates", received);
            m.put("stuck", faults.isStuck(p.id));
            projects.add(m);
        }
        root.put("projects", projects);

        List<Object> tokens = new ArrayList<>();
        for (TokenRec t : state.tokens.values()) {
            Map<String, Object> m = entities.token(t, includeSecrets, t.user.bot);
            m.put("kind", t.kind.name().toLowerCase());
            m.put("resource_id", t.resourceId == 0 ? null : t.resourceId);
            m.put("username", t.user.username);
            m.put("rotated_from", t.previousId == 0 ? null : t.previousId);
            m.put("rotated_to", t.successorId == 0 ? null : t.successorId);
            tokens.add(m);
        }
        root.put("tokens", tokens);
        root.put("faults", faults(faults));
        return root;
    }

    public static Map<String, Object> faults(FaultState faults) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latency_fixed_ms", faults.latencyFixed().toMillis());
        m.put("latency_jitter_ms", faults.latencyJitter().toMillis());
        m.put("sync_delay_ms", faults.syncStep().toMillis());
        m.put("rate_limit_per_minute", faults.rateLimiter().limitPerMinute());
        m.put("rate_limit_headers_on_every_answer", faults.rateLimitHeadersOnEveryAnswer());
        List<Object> rates = new ArrayList<>();
        for (FaultState.ErrorRule r : faults.errorRules()) {
            rates.add(Map.of(
                    "method", r.method(), "path_regex", r.path().pattern(), "rate", r.rate(), "status", r.status()));
        }
        m.put("error_rates", rates);
        List<Object> next = new ArrayList<>();
        for (FaultState.FailNextRule r : faults.failNextRules()) {
            next.add(Map.of(
                    "method",
                    r.method(),
                    "path_regex",
                    r.pathRegex(),
                    "remaining",
                    r.remaining(),
                    "status",
                    r.status()));
        }
        m.put("fail_next", next);
        m.put("stuck_projects", faults.stuckProjects());
        return m;
    }
}
