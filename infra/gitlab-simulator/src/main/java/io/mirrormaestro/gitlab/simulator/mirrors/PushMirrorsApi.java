package io.mirrormaestro.gitlab.simulator.mirrors;

import io.mirrormaestro.gitlab.simulator.api.Entities;
import io.mirrormaestro.gitlab.simulator.api.Finders;
import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.Call;
import io.mirrormaestro.gitlab.simulator.http.Pagination;
import io.mirrormaestro.gitlab.simulator.http.Router;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.PushMirrorRec;
import java.util.ArrayList;
import java.util.Set;

/** Project remote mirrors API (doc/api/remote_mirrors.md, lib/api/remote_mirrors.rb). */
public final class PushMirrorsApi {
    static final String URL_SCHEMES = "is blocked: Only allowed schemes are ssh, git, http, https";
    static final String CANNOT_SYNC =
            "Cannot proceed with the push mirroring. Please verify your mirror configuration.";
    private static final Set<String> AUTH_METHODS = Set.of("password", "ssh_public_key");

    private final InstanceState state;
    private final Entities entities;
    private final Finders finders;
    private final MirrorEngine engine;

    public PushMirrorsApi(InstanceState state, Entities entities, Finders finders, MirrorEngine engine) {
        this.state = state;
        this.entities = entities;
        this.finders = finders;
        this.engine = engine;
    }

    public void register(Router router) {
        router.route("GET", "/projects/:id/remote_mirrors", this::list).add();
        router.route("GET", "/projects/:id/remote_mirrors/:mirror_id", this::get)
                .when(s -> s.version().atLeast(14, 10))
                .add();
        router.route("POST", "/projects/:id/remote_mirrors", this::create).add();
        router.route("PUT", "/projects/:id/remote_mirrors/:mirror_id", this::update)
                .add();
        router.route("DELETE", "/projects/:id/remote_mirrors/:mirror_id", this::delete)
                .when(s -> s.version().atLeast(14, 10))
                .add();
        router.route("POST", "/projects/:id/remote_mirrors/:mirror_id/sync", this::sync)
                .when(s -> s.version().atLeast(16, 11))
                .add();
    }

    /** The API's before-block: unreadable project is 404, missing admin_remote_mirror is 401. */
    private ProjectRec project(Call call) {
        ProjectRec project = finders.project(call);
        if (state.accessLevel(call.user(), project) < AccessLevel.MAINTAINER) {
            throw ApiException.unauthorized();
        }
        return project;
    }

    private PushMirrorRec mirror(ProjectRec project, Call call) {
        String id = call.path("mirror_id");
        PushMirrorRec mirror = InstanceState.isNumeric(id) ? state.pushMirrors.get(Long.parseLong(id)) : null;
        if (mirror == null || mirror.project != project) {
            throw ApiException.recordNotFound();
        }
        return mirror;
    }

    private ApiResponse list(Call call) {
        ProjectRec project = project(call);
        return Pagination.offset(
                call.request(), state.baseUrl(), new ArrayList<>(project.pushMirrors), entities::pushMirror);
    }

    private ApiResponse get(Call call) {
        ProjectRec project = project(call);
        return ApiResponse.ok(entities.pushMirror(mirror(project, call)));
    }

    private ApiResponse create(Call call) {
        ProjectRec project = project(call);
        ApiRequest request = call.request();
        if (!request.has("url")) {
            throw ApiException.paramError("url is missing");
        }
        checkOptions(request);
        MirrorUrl url = MirrorUrl.parse(request.string("url"));
        if (url == null) {
            throw ApiException.validation("url", URL_SCHEMES);
        }
        PushMirrorRec mirror;
        synchronized (state.lock) {
            mirror = state.addPushMirror(project, url);
            mirror.enabled = request.bool("enabled", false);
            apply(request, mirror);
        }
        return ApiResponse.created(entities.pushMirror(mirror));
    }

    /** "url" is not a declared parameter of the update endpoint, so GitLab ignores it. */
    private ApiResponse update(Call call) {
        ProjectRec project = project(call);
        PushMirrorRec mirror = mirror(project, call);
        ApiRequest request = call.request();
        checkOptions(request);
        synchronized (state.lock) {
            if (request.has("enabled")) {
                mirror.enabled = request.bool("enabled");
            }
            apply(request, mirror);
        }
        return ApiResponse.ok(entities.pushMirror(mirror));
    }

    private ApiResponse delete(Call call) {
        ProjectRec project = project(call);
        state.removePushMirror(mirror(project, call));
        return ApiResponse.noContent();
    }

    private ApiResponse sync(Call call) {
        ProjectRec project = project(call);
        PushMirrorRec mirror = mirror(project, call);
        if (!mirror.enabled) {
            throw ApiException.message(400, CANNOT_SYNC);
        }
        engine.syncPush(mirror);
        return ApiResponse.noContent();
    }

    private void checkOptions(ApiRequest request) {
        if (state.version().enterprise()
                && request.has("only_protected_branches")
                && request.has("mirror_branch_regex")) {
            throw ApiException.paramError("only_protected_branches, mirror_branch_regex are mutually exclusive");
        }
        if (request.has("auth_method") && !AUTH_METHODS.contains(request.string("auth_method"))) {
            throw ApiException.paramError("auth_method does not have a valid value");
        }
        request.bool("enabled");
        request.bool("keep_divergent_refs");
        request.bool("only_protected_branches");
    }

    private void apply(ApiRequest request, PushMirrorRec mirror) {
        if (request.has("keep_divergent_refs")) {
            mirror.keepDivergentRefs = request.bool("keep_divergent_refs");
        }
        if (request.has("only_protected_branches")) {
            mirror.onlyProtectedBranches = request.bool("only_protected_branches");
        }
        if (request.has("auth_method")) {
            mirror.authMethod = request.string("auth_method");
        }
        // mirror_branch_regex is a Premium feature; other tiers drop it silently
        if (state.premium() && state.version().enterprise() && request.has("mirror_branch_regex")) {
            String regex = request.string("mirror_branch_regex");
            mirror.mirrorBranchRegex = regex == null || regex.isBlank() ? null : regex;
        }
        if (mirror.onlyProtectedBranches) {
            mirror.mirrorBranchRegex = null;
        } else if (mirror.mirrorBranchRegex != null) {
            mirror.onlyProtectedBranches = false;
        }
    }
}
