package io.mirrormaestro.gitlab.simulator.api;

import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.Call;
import io.mirrormaestro.gitlab.simulator.http.Router;
import io.mirrormaestro.gitlab.simulator.mirrors.MirrorEngine;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.PullMirrorRec;
import io.mirrormaestro.gitlab.simulator.model.UserRec;
import io.mirrormaestro.gitlab.simulator.model.Visibility;
import java.util.Objects;

/** GET /projects, GET /projects/:id and PUT /projects/:id (incl. the legacy pull-mirror settings). */
public final class ProjectsApi {
    static final String IMPORT_URL_SCHEMES = "is blocked: Only allowed schemes are http, https, ssh, git";

    private final InstanceState state;
    private final Entities entities;
    private final Finders finders;
    private final ProjectQuery query;
    private final MirrorEngine engine;

    public ProjectsApi(InstanceState state, Entities entities, Finders finders, MirrorEngine engine) {
        this.state = state;
        this.entities = entities;
        this.finders = finders;
        this.query = new ProjectQuery(state, entities);
        this.engine = engine;
    }

    public void register(Router router) {
        router.route("GET", "/projects", this::list).anonymous().add();
        router.route("GET", "/projects/:id", this::get).anonymous().add();
        router.route("PUT", "/projects/:id", this::update).add();
    }

    ProjectQuery query() {
        return query;
    }

    private ApiResponse list(Call call) {
        return query.list(call.request(), call.user(), state.projects.values());
    }

    private ApiResponse get(Call call) {
        return ApiResponse.ok(entities.project(finders.project(call), call.user(), false));
    }

    private ApiResponse update(Call call) {
        ProjectRec project = finders.project(call);
        UserRec user = call.user();
        if (state.accessLevel(user, project) < AccessLevel.MAINTAINER) {
            throw ApiException.forbidden();
        }
        ApiRequest request = call.request();
        boolean startMirror;
        synchronized (state.lock) {
            if (request.has("visibility")) {
                try {
                    project.visibility = Visibility.parse(request.string("visibility"));
                } catch (IllegalArgumentException e) {
                    throw ApiException.paramError("visibility does not have a valid value");
                }
            }
            if (request.has("name")) {
                project.name = request.string("name");
            }
            if (request.has("description")) {
                project.description = request.string("description");
            }
            if (request.has("default_branch")) {
                project.defaultBranch = request.string("default_branch");
            }
            // without the Premium license GitLab silently drops the mirror attributes
            startMirror =
                    state.version().enterprise() && state.premium() && applyMirrorSettings(request, project, user);
            project.updatedAt = state.now();
        }
        if (startMirror) {
            engine.startPull(project);
        }
        return ApiResponse.ok(entities.project(project, user, false));
    }

    /** Returns whether a mirror update must start (mirror switched on or pointed elsewhere). */
    private boolean applyMirrorSettings(ApiRequest request, ProjectRec project, UserRec user) {
        PullMirrorRec pull = project.pull;
        MirrorUrl newUrl = null;
        if (request.has("import_url")) {
            newUrl = MirrorUrl.parse(request.string("import_url"));
            if (newUrl == null) {
                throw ApiException.validation("import_url", IMPORT_URL_SCHEMES);
            }
        }
        Boolean mirror = request.bool("mirror");
        boolean willMirror = mirror != null ? mirror : pull.mirror;
        if (willMirror && newUrl == null && pull.url == null) {
            throw ApiException.validation("import_url", "can't be blank");
        }
        boolean wasMirror = pull.mirror;
        MirrorUrl oldUrl = pull.url;
        if (newUrl != null) {
            pull.url = newUrl;
        }
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
            pull.mirrorBranchRegex = request.string("mirror_branch_regex");
        }
        if (mirror != null) {
            pull.mirror = mirror;
        }
        if (pull.mirror) {
            Long requestedMirrorUser = request.longValue("mirror_user_id");
            // only administrators may pick another mirror user; for everybody else it is themselves
            if (requestedMirrorUser != null && user.admin && state.users.containsKey(requestedMirrorUser)) {
                pull.mirrorUserId = requestedMirrorUser;
            } else if (pull.mirrorUserId == null || !user.admin) {
                pull.mirrorUserId = user.id;
            }
        }
        return pull.mirror && (!wasMirror || !Objects.equals(oldUrl, pull.url));
    }
}
