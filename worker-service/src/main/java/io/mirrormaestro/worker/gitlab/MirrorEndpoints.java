package io.mirrormaestro.worker.gitlab;

import io.mirrormaestro.common.gitlab.GitLabJson;
import io.mirrormaestro.common.gitlab.MirrorReads;
import io.mirrormaestro.common.gitlab.PushMirror;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.gitlab4j.api.AbstractApi;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;

/**
 * The mirror calls that change mirrors, added to the reads both services share ({@link MirrorReads}), on gitlab4j's
 * own {@link AbstractApi} so that they share its client, authentication, URL encoding and error handling (a
 * {@link GitLabApiException} carrying GitLab's message). gitlab4j 6.2.0 has no push-mirror delete or sync; its
 * create/update calls know neither {@code mirror_branch_regex} nor {@code auth_method}; and it cannot configure or
 * trigger a pull mirror.
 */
final class MirrorEndpoints extends MirrorReads {

    private final GitLabThrottle throttle;

    MirrorEndpoints(GitLabApi api, GitLabThrottle throttle) {
        super(api);
        this.throttle = throttle;
    }

    /** Every answer passes here, which makes it the one place to see GitLab's rate-limit headers. */
    @Override
    protected Response validate(Response response, Response.Status expected) throws GitLabApiException {
        throttle.observe(response.getStatus(), response.getStringHeaders());
        return super.validate(response, expected);
    }

    /**
     * One page of a group's own projects ({@code GET /groups/:id/projects}, 100 a page, shared projects left out),
     * with the next page's number, 0 after the last.
     */
    GitLabGateway.ProjectsPage groupProjects(String groupPath, int page) throws GitLabApiException {
        MultivaluedMap<String, String> query = pageQuery(page);
        query.add("with_shared", "false");
        Response response = get(Response.Status.OK, query, "groups", getGroupIdOrPath(groupPath), "projects");
        int next = nextPage(response, page);
        return new GitLabGateway.ProjectsPage(GitLabJson.readList(response, GitLabProject.class), next);
    }

    PushMirror createPushMirror(ProjectRef project, NewPushMirror mirror) throws GitLabApiException {
        Form form = new Form().param("url", mirror.url()).param("enabled", String.valueOf(mirror.enabled()));
        // GitLab rejects only_protected_branches next to mirror_branch_regex, even when false
        if (mirror.mirrorBranchRegex() != null) {
            form.param("mirror_branch_regex", mirror.mirrorBranchRegex());
        } else {
            form.param("only_protected_branches", String.valueOf(mirror.onlyProtectedBranches()));
        }
        form.param("keep_divergent_refs", String.valueOf(mirror.keepDivergentRefs()));
        if (mirror.authMethod() != null) {
            form.param("auth_method", mirror.authMethod().value());
        }
        return GitLabJson.read(
                post(Response.Status.CREATED, form, "projects", id(project), "remote_mirrors"), PushMirror.class);
    }

    PushMirror updatePushMirror(ProjectRef project, long mirrorId, PushMirrorChanges changes)
            throws GitLabApiException {
        Form form = new Form();
        optional(form, "enabled", changes.enabled());
        optional(form, "only_protected_branches", changes.onlyProtectedBranches());
        optional(form, "keep_divergent_refs", changes.keepDivergentRefs());
        optional(form, "mirror_branch_regex", changes.mirrorBranchRegex());
        optional(
                form,
                "auth_method",
                changes.authMethod() == null ? null : changes.authMethod().value());
        return GitLabJson.read(
                putWithFormData(Response.Status.OK, form, "projects", id(project), "remote_mirrors", mirrorId),
                PushMirror.class);
    }

    /**
     * A missing mirror answers {@code 404 Not found}: it is gone already, which is what the caller wanted. A missing
     * (or invisible) project answers {@code 404 Project Not Found}, and that stays an error: the mirror may well still
     * exist where this token cannot see it.
     */
    MirrorDeletion deletePushMirror(ProjectRef project, long mirrorId) throws GitLabApiException {
        try {
            delete(Response.Status.NO_CONTENT, null, "projects", id(project), "remote_mirrors", mirrorId)
                    .close();
            return MirrorDeletion.DELETED;
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == 404 && !mentions(e, "project not found")) {
                return MirrorDeletion.ALREADY_GONE;
            }
            throw e;
        }
    }

    /** 204 without a body; a sync inside GitLab's backoff window is queued and answers the same. */
    void syncPushMirror(ProjectRef project, long mirrorId) throws GitLabApiException {
        post(Response.Status.NO_CONTENT, new Form(), "projects", id(project), "remote_mirrors", mirrorId, "sync")
                .close();
    }

    /** GitLab 17.6+: credentials apart from the URL, and they can be rotated in place. */
    void configurePullMirror(ProjectRef project, PullMirrorSettings settings) throws GitLabApiException {
        Form form = new Form().param("enabled", "true").param("url", settings.url());
        optional(form, "auth_user", settings.authUser());
        optional(form, "auth_password", settings.authPassword());
        pullFlags(form, settings);
        putWithFormData(Response.Status.OK, form, "projects", id(project), "mirror", "pull")
                .close();
    }

    /** Before GitLab 17.6: the project's own settings, credentials inside {@code import_url}. */
    void configureLegacyPullMirror(ProjectRef project, PullMirrorSettings settings) throws GitLabApiException {
        Form form = new Form().param("mirror", "true").param("import_url", settings.importUrl());
        pullFlags(form, settings);
        optional(form, "mirror_user_id", settings.mirrorUserId());
        putWithFormData(Response.Status.OK, form, "projects", id(project)).close();
    }

    void disablePullMirror(ProjectRef project) throws GitLabApiException {
        putWithFormData(
                        Response.Status.OK,
                        new Form().param("enabled", "false"),
                        "projects",
                        id(project),
                        "mirror",
                        "pull")
                .close();
    }

    void disableLegacyPullMirror(ProjectRef project) throws GitLabApiException {
        putWithFormData(Response.Status.OK, new Form().param("mirror", "false"), "projects", id(project))
                .close();
    }

    /** GitLab answers 200 though its docs say 202; anything in 200..204 passes gitlab4j's check. */
    void triggerPullMirror(ProjectRef project) throws GitLabApiException {
        post(Response.Status.OK, new Form(), "projects", id(project), "mirror", "pull")
                .close();
    }

    private static void pullFlags(Form form, PullMirrorSettings settings) {
        form.param("mirror_trigger_builds", String.valueOf(settings.triggerBuilds()));
        form.param("mirror_overwrites_diverged_branches", String.valueOf(settings.overwritesDivergedBranches()));
        // mutually exclusive in GitLab's API, even when only_mirror_protected_branches is false
        if (settings.branchRegex() != null) {
            form.param("mirror_branch_regex", settings.branchRegex());
        } else {
            form.param("only_mirror_protected_branches", String.valueOf(settings.onlyProtectedBranches()));
        }
    }

    private static void optional(Form form, String name, Object value) {
        if (value != null) {
            form.param(name, String.valueOf(value));
        }
    }

    private Object id(ProjectRef project) throws GitLabApiException {
        return getProjectIdOrPath(project.idOrPath());
    }
}
