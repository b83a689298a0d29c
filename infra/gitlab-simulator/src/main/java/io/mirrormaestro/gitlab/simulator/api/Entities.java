package io.mirrormaestro.gitlab.simulator.api;

import io.mirrormaestro.gitlab.simulator.http.Json;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
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
import java.util.Set;

/** GitLab's API entities (lib/api/entities) as ordered maps with GitLab's field names. */
public final class Entities {
    private final InstanceState state;

    public Entities(InstanceState state) {
        this.state = state;
    }

    public Map<String, Object> user(UserRec u, boolean includePrivate, boolean viewerIsAdmin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id);
        m.put("username", u.username);
        m.put("name", u.name);
        m.put("state", "active");
        m.put("locked", false);
        m.put("avatar_url", null);
        m.put("web_url", state.baseUrl() + "/" + u.username);
        m.put("created_at", Json.time(u.createdAt));
        m.put("bio", "");
        m.put("location", "");
        m.put("public_email", null);
        m.put("website_url", "");
        m.put("organization", "");
        m.put("job_title", "");
        m.put("bot", u.bot);
        if (includePrivate) {
            m.put("last_sign_in_at", null);
            m.put("confirmed_at", Json.time(u.createdAt));
            m.put("last_activity_on", Json.date(state.clock.today()));
            m.put("email", u.email);
            m.put("theme_id", 3);
            m.put("color_scheme_id", 1);
            m.put("projects_limit", 100000);
            m.put("current_sign_in_at", null);
            m.put("identities", List.of());
            m.put("can_create_group", !u.bot);
            m.put("can_create_project", !u.bot);
            m.put("two_factor_enabled", false);
            m.put("external", false);
            m.put("private_profile", false);
            m.put("commit_email", u.email);
        }
        if (viewerIsAdmin) {
            m.put("is_admin", u.admin);
        }
        return m;
    }

    public Map<String, Object> namespace(GroupRec g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id);
        m.put("name", g.name);
        m.put("path", g.path);
        m.put("kind", "group");
        m.put("full_path", g.fullPath);
        m.put("parent_id", g.parent == null ? null : g.parent.id);
        m.put("avatar_url", null);
        m.put("web_url", groupWebUrl(g));
        return m;
    }

    public Map<String, Object> project(ProjectRec p, UserRec viewer, boolean simple) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id);
        m.put("description", p.description);
        m.put("name", p.name);
        m.put("name_with_namespace", p.nameWithNamespace());
        m.put("path", p.path);
        m.put("path_with_namespace", p.pathWithNamespace);
        m.put("created_at", Json.time(p.createdAt));
        m.put("default_branch", p.defaultBranch);
        m.put("tag_list", List.of());
        m.put("topics", List.of());
        m.put("ssh_url_to_repo", "ssh://git@127.0.0.1:" + state.port() + "/" + p.pathWithNamespace + ".git");
        m.put("http_url_to_repo", state.baseUrl() + "/" + p.pathWithNamespace + ".git");
        m.put("web_url", state.baseUrl() + "/" + p.pathWithNamespace);
        m.put("readme_url", null);
        m.put("forks_count", 0);
        m.put("avatar_url", null);
        m.put("star_count", 0);
        m.put("last_activity_at", Json.time(p.lastActivityAt));
        m.put("namespace", namespace(p.namespace));
        if (simple) {
            return m;
        }
        m.put("visibility", p.visibility.api());
        m.put("archived", p.archived);
        m.put("empty_repo", false);
        m.put("updated_at", Json.time(p.updatedAt));
        m.put("container_registry_image_prefix", "127.0.0.1:" + state.port() + "/" + p.pathWithNamespace);
        Map<String, Object> links = new LinkedHashMap<>();
        String self = state.baseUrl() + "/api/v4/projects/" + p.id;
        links.put("self", self);
        links.put("issues", self + "/issues");
        links.put("merge_requests", self + "/merge_requests");
        links.put("repo_branches", self + "/repository/branches");
        links.put("labels", self + "/labels");
        links.put("events", self + "/events");
        links.put("members", self + "/members");
        m.put("_links", links);
        m.put("issues_enabled", true);
        m.put("merge_requests_enabled", true);
        m.put("wiki_enabled", true);
        m.put("jobs_enabled", true);
        m.put("snippets_enabled", true);
        m.put("repository_access_level", "enabled");
        m.put("shared_runners_enabled", true);
        m.put("lfs_enabled", true);
        m.put("creator_id", null);
        boolean admin = viewer != null && state.accessLevel(viewer, p) >= AccessLevel.MAINTAINER;
        PullMirrorRec pull = p.pull;
        if (admin) {
            m.put("import_url", pull.url == null ? null : pull.url.withoutCredentials());
            m.put("import_type", pull.url == null ? null : "git");
        }
        m.put("import_status", pull.mirror || pull.url != null ? pull.updateStatus : "none");
        // Entities::Project exposes import_error (the import state's last_error) only to those who may admin the
        // project, i.e. Maintainers and above (lib/api/entities/project.rb, user_can_admin_project)
        if (admin) {
            m.put("import_error", pull.lastError);
        }
        m.put("open_issues_count", 0);
        m.put("shared_with_groups", List.of());
        m.put("only_allow_merge_if_pipeline_succeeds", false);
        m.put("request_access_enabled", true);
        if (state.version().enterprise() && state.premium()) {
            m.put("mirror", pull.mirror);
            if (pull.mirror) {
                m.put("mirror_user_id", pull.mirrorUserId);
                m.put("mirror_trigger_builds", pull.mirrorTriggerBuilds);
                m.put("only_mirror_protected_branches", pull.onlyMirrorProtectedBranches);
                m.put("mirror_overwrites_diverged_branches", pull.mirrorOverwritesDivergedBranches);
                m.put("mirror_branch_regex", pull.mirrorBranchRegex);
            }
        }
        m.put("permissions", permissions(p, viewer));
        return m;
    }

    private Map<String, Object> permissions(ProjectRec p, UserRec viewer) {
        Map<String, Object> perms = new LinkedHashMap<>();
        Integer projectAccess = viewer == null ? null : p.members.get(viewer.id);
        perms.put("project_access", accessMap(projectAccess));
        Integer groupAccess = null;
        if (viewer != null) {
            int level = 0;
            for (GroupRec g = p.namespace; g != null; g = g.parent) {
                level = Math.max(level, g.members.getOrDefault(viewer.id, 0));
            }
            groupAccess = level == 0 ? null : level;
        }
        perms.put("group_access", accessMap(groupAccess));
        return perms;
    }

    private static Map<String, Object> accessMap(Integer level) {
        if (level == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_level", level);
        m.put("notification_level", 3);
        return m;
    }

    public Map<String, Object> group(GroupRec g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id);
        m.put("web_url", groupWebUrl(g));
        m.put("name", g.name);
        m.put("path", g.path);
        m.put("description", g.description);
        m.put("visibility", g.visibility.api());
        m.put("share_with_group_lock", false);
        m.put("require_two_factor_authentication", false);
        m.put("two_factor_grace_period", 48);
        m.put("project_creation_level", "developer");
        m.put("auto_devops_enabled", null);
        m.put("subgroup_creation_level", "maintainer");
        m.put("emails_disabled", false);
        m.put("emails_enabled", true);
        m.put("mentions_disabled", null);
        m.put("lfs_enabled", true);
        m.put("default_branch_protection", 2);
        m.put("avatar_url", null);
        m.put("request_access_enabled", true);
        m.put("full_name", g.fullName());
        m.put("full_path", g.fullPath);
        m.put("created_at", Json.time(g.createdAt));
        m.put("parent_id", g.parent == null ? null : g.parent.id);
        m.put("organization_id", 1);
        return m;
    }

    public String groupWebUrl(GroupRec g) {
        return state.baseUrl() + "/groups/" + g.fullPath;
    }

    /** Entities::PersonalAccessToken, plus access_level for group/project tokens. */
    public Map<String, Object> token(TokenRec t, boolean withValue, boolean resourceToken) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id);
        m.put("name", t.name);
        m.put("revoked", t.revoked);
        m.put("created_at", Json.time(t.createdAt));
        m.put("description", t.description);
        m.put("scopes", t.scopes);
        m.put("user_id", t.user.id);
        m.put("last_used_at", Json.time(t.lastUsedAt));
        m.put("active", t.active(state.clock.today()));
        m.put("expires_at", Json.date(t.expiresAt));
        if (resourceToken && t.user.bot) {
            m.put("access_level", botAccessLevel(t.user));
        }
        if (withValue) {
            m.put("token", t.value);
        }
        return m;
    }

    private int botAccessLevel(UserRec bot) {
        if ("group".equals(bot.botResourceType)) {
            GroupRec g = state.groups.get(bot.botResourceId);
            return g == null ? 0 : g.members.getOrDefault(bot.id, 0);
        }
        ProjectRec p = state.projects.get(bot.botResourceId);
        return p == null ? 0 : p.members.getOrDefault(bot.id, 0);
    }

    /** Entities::RemoteMirror; url masked except a "git" user, as RemoteMirror#safe_url does. */
    public Map<String, Object> pushMirror(PushMirrorRec r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id);
        m.put("enabled", r.enabled);
        m.put("url", r.url.masked(Set.of("git")));
        m.put("update_status", r.updateStatus);
        m.put("last_update_at", Json.time(r.lastUpdateAt));
        m.put("last_update_started_at", Json.time(r.lastUpdateStartedAt));
        m.put("last_successful_update_at", Json.time(r.lastSuccessfulUpdateAt));
        m.put("last_error", r.lastError);
        m.put("only_protected_branches", r.onlyProtectedBranches);
        m.put("keep_divergent_refs", r.keepDivergentRefs);
        if (state.version().atLeast(16, 10)) {
            m.put("auth_method", r.authMethod);
        }
        if (state.version().enterprise()) {
            m.put("mirror_branch_regex", r.mirrorBranchRegex);
        }
        if (state.version().atLeast(18, 4)) {
            m.put("host_keys", new ArrayList<>());
        }
        return m;
    }

    /** Entities::PullMirror (import state); configuration fields exist since 17.5. */
    public Map<String, Object> pullMirror(PullMirrorRec r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.importStateId);
        m.put("last_error", r.lastError);
        m.put("last_successful_update_at", Json.time(r.lastSuccessfulUpdateAt));
        m.put("last_update_at", Json.time(r.lastUpdateAt));
        m.put("last_update_started_at", Json.time(r.lastUpdateStartedAt));
        m.put("update_status", r.updateStatus);
        m.put("url", r.url == null ? null : r.url.masked());
        if (state.version().atLeast(17, 5)) {
            m.put("enabled", r.mirror);
            m.put("mirror_trigger_builds", r.mirrorTriggerBuilds);
            m.put("only_mirror_protected_branches", r.onlyMirrorProtectedBranches);
            m.put("mirror_overwrites_diverged_branches", r.mirrorOverwritesDivergedBranches);
            m.put("mirror_branch_regex", r.mirrorBranchRegex);
        }
        return m;
    }
}
