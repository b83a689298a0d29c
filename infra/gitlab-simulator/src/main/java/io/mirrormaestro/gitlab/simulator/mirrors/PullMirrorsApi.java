package io.mirrormaestro.gitlab.simulator.mirrors;

import io.mirrormaestro.gitlab.simulator.api.Entities;
import io.mirrormaestro.gitlab.simulator.api.Finders;
import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.Call;
import io.mirrormaestro.gitlab.simulator.http.Router;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.PullMirrorRec;
import java.util.List;
import java.util.Objects;

/** Pull mirroring API (doc/api/project_pull_mirroring.md, ee/lib/api/project_mirror.rb); EE only. */
public final class PullMirrorsApi {
    static final String NOT_MIRRORED = "The project is not mirrored";
    static final String ON_PAUSE = "Mirroring for the project is on pause";
    private static final List<String> SETTINGS = List.of(
            "enabled",
            "url",
            "auth_user",
            "auth_password",
            "mirror_overwrites_diverged_branches",
            "mirror_trigger_builds",
            "only_mirror_protected_branches",
            "mirror_branch_regex");

    private final InstanceState state;
    private final Entities entities;
    private final Finders finders;
    private final MirrorEngine engine;

    public PullMirrorsApi(InstanceState state, Entities entities, Finders finders, MirrorEngine engine) {
        this.state = state;
        this.entities = entities;
        this.finders = finders;
        this.engine = engine;
    }

    public void register(Router router) {
        router.route("POST", "/projects/:id/mirror/pull", this::trigger)
                .when(s -> s.version().enterprise())
                .add();
        router.route("GET", "/projects/:id/mirror/pull", this::get)
                .when(s -> s.version().enterprise() && s.version().atLeast(15, 6))
                .add();
        router.route("PUT", "/projects/:id/mirror/pull", this::configure)
                .when(s -> s.version().enterprise() && s.version().atLeast(17, 6))
                .add();
    }

    /** authenticate! + authorize_admin_project: 404 when invisible, 403 below Maintainer. */
    private ProjectRec project(Call call) {
        ProjectRec project = finders.project(call);
        if (state.accessLevel(call.user(), project) < AccessLevel.MAINTAINER) {
            throw ApiException.forbidden();
        }
        return project;
    }

    private boolean mirrored(ProjectRec project) {
        return state.premium() && project.pull.mirror;
    }

    private ApiResponse get(Call call) {
        ProjectRec project = project(call);
        if (!mirrored(project)) {
            throw ApiException.message(400, NOT_MIRRORED);
        }
        return ApiResponse.ok(entities.pullMirror(project.pull));
    }

    /** GitLab documents 202 but answers 200. */
    private ApiResponse trigger(Call call) {
        ProjectRec project = project(call);
        if (!mirrored(project)) {
            throw ApiException.message(400, NOT_MIRRORED);
        }
        boolean force = call.request().bool("force", false);
        if (project.pull.hardFailed && !force) {
            throw ApiException.message(403, ON_PAUSE);
        }
        engine.triggerPull(project, force);
        return ApiResponse.json(200, null);
    }

    private ApiResponse configure(Call call) {
        ProjectRec project = project(call);
        ApiRequest request = call.request();
        if (SETTINGS.stream().noneMatch(request::has)) {
            throw ApiException.paramError(
                    String.join(", ", SETTINGS) + " are missing, at least one parameter must be provided");
        }
        if (request.has("only_mirror_protected_branches") && request.has("mirror_branch_regex")) {
            throw ApiException.paramError("only_mirror_protected_branches, mirror_branch_regex are mutually exclusive");
        }
        if (!state.premium()) {
            throw ApiException.message(400, "Pull mirroring is not available");
        }
        PullMirrorRec pull = project.pull;
        boolean start;
        synchronized (state.lock) {
            MirrorUrl url = pull.url;
            if (request.has("url")) {
                url = MirrorUrl.parse(request.string("url"));
                if (url == null) {
                    throw ApiException.message(400, "Url is blocked: Only allowed schemes are http, https, ssh, git");
                }
            }
            if (url != null && (request.has("auth_user") || request.has("auth_password"))) {
                url = url.withCredentials(
                        request.has("auth_user") ? request.string("auth_user") : url.user(),
                        request.has("auth_password") ? request.string("auth_password") : url.password());
            }
            boolean enable = request.bool("enabled", pull.mirror);
            if (enable && url == null) {
                throw ApiException.message(400, "Import url can't be blank");
            }
            boolean changed = !Objects.equals(url, pull.url) || enable != pull.mirror;
            pull.url = url;
            pull.mirror = enable;
            if (request.has("mirror_trigger_builds")) {
                pull.mirrorTriggerBuilds = request.bool("mirror_trigger_builds");
            }
            if (request.has("only_mirror_protected_branches")) {
                pull.onlyMirrorProtectedBranches = request.bool("only_mirror_protected_branches");
            }
            if (request.has("mirror_overwrites_diverged_branches")) {
                pull.mirrorOverwritesDivergedBranches = request.bool("mirror_overwrites_diverged_branches");
            }
            if (request.has("mirror_branch_regex")) {
                String regex = request.string("mirror_branch_regex");
                pull.mirrorBranchRegex = regex == null || regex.isBlank() ? null : regex;
            }
            if (enable && pull.mirrorUserId == null) {
                pull.mirrorUserId = call.user().id;
            }
            start = enable && changed;
        }
        if (start) {
            engine.startPull(project);
        }
        return ApiResponse.ok(entities.pullMirror(pull));
    }
}
