package io.mirrormaestro.gitlab.simulator.mirrors;

import io.mirrormaestro.gitlab.simulator.api.Entities;
import io.mirrormaestro.gitlab.simulator.api.Finders;
import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.Call;
import io.mirrormaestro.gitlab.simulator.http.Pagination;
import io.mirrormaestro.gitlab.simulator.http.Router;
import io.mirrormaestro.gitlab.simulator.http.ValidationErrors;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.PushMirrorRec;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;

/** Project remote mirrors API (doc/api/remote_mirrors.md, lib/api/remote_mirrors.rb). */
public final class PushMirrorsApi {
    static final String URL_SCHEMES = "is blocked: Only allowed schemes are ssh, git, http, https";
    static final String CANNOT_SYNC =
            "Cannot proceed with the push mirroring. Please verify your mirror configuration.";
    private static final Set<String> AUTH_METHODS = Set.of("password", "ssh_public_key");
    /**
     * RemoteMirror::MAX_MIRRORS_PER_PROJECT: enabled push mirrors a project may have (gitlab-org/gitlab!221965,
     * spec/models/remote_mirror_spec.rb "#validate_mirror_count").
     */
    public static final int MAX_ENABLED_MIRRORS = 10;

    static final String TOO_MANY =
            "Maximum number of push mirrors (" + MAX_ENABLED_MIRRORS + ") exceeded for this project.";
    static final String SELF_MIRROR = "You cannot mirror a repository to itself.";

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
            boolean enabled = request.bool("enabled", false);
            ValidationErrors errors = new ValidationErrors();
            String blocked = UrlBlocker.blockedReason(state, url);
            if (blocked != null) {
                errors.add("url", "is blocked: " + blocked);
            }
            String regexProblem = branchRegexProblem(request);
            if (regexProblem != null) {
                errors.add("mirror_branch_regex", regexProblem);
            }
            if (newerLimits()) {
                if (project.pushMirrors.stream()
                        .anyMatch(m -> m.url.withoutCredentials().equals(url.withoutCredentials()))) {
                    errors.add("url", "has already been taken");
                }
                if (pointsAtItself(project, url)) {
                    errors.add("base", SELF_MIRROR);
                }
                if (enabled && enabledMirrors(project) >= MAX_ENABLED_MIRRORS) {
                    errors.add("base", TOO_MANY);
                }
            }
            errors.throwIfAny();
            mirror = state.addPushMirror(project, url);
            mirror.enabled = enabled;
            apply(request, mirror);
        }
        return ApiResponse.created(entities.pushMirror(mirror));
    }

    /**
     * "url" is not a declared parameter of the update endpoint, so GitLab ignores it. The update runs through
     * Projects::UpdateService (remote_mirrors_attributes), whose failure is render_api_error! with the model's full
     * messages as one sentence, not an error hash.
     */
    private ApiResponse update(Call call) {
        ProjectRec project = project(call);
        PushMirrorRec mirror = mirror(project, call);
        ApiRequest request = call.request();
        checkOptions(request);
        synchronized (state.lock) {
            ValidationErrors errors = new ValidationErrors();
            String regexProblem = branchRegexProblem(request);
            if (regexProblem != null) {
                errors.add("remote_mirrors.mirror_branch_regex", regexProblem);
            }
            boolean enabling = request.bool("enabled", mirror.enabled) && !mirror.enabled;
            if (newerLimits() && enabling && enabledMirrors(project) >= MAX_ENABLED_MIRRORS) {
                errors.add("remote_mirrors.base", TOO_MANY);
            }
            errors.throwSentenceIfAny();
            if (request.has("enabled")) {
                mirror.enabled = request.bool("enabled");
            }
            apply(request, mirror);
        }
        return ApiResponse.ok(entities.pushMirror(mirror));
    }

    /**
     * The 10-mirror limit, URL uniqueness within a project and the refusal of a mirror to itself came with GitLab 18.9
     * (gitlab-org/gitlab!221965 and spec/models/remote_mirror_spec.rb; the milestone is our reading of the merge
     * request's date, the switch is the simulated version).
     */
    private boolean newerLimits() {
        return state.version().atLeast(18, 9);
    }

    private static long enabledMirrors(ProjectRec project) {
        return project.pushMirrors.stream().filter(m -> m.enabled).count();
    }

    private boolean pointsAtItself(ProjectRec project, MirrorUrl url) {
        String host = url.host().toLowerCase(Locale.ROOT);
        return url.scheme().startsWith("http")
                && (host.equals("127.0.0.1") || host.equals("localhost"))
                && url.port() == state.port()
                && url.repositoryPath().equalsIgnoreCase(project.pathWithNamespace);
    }

    /** EE only: other editions do not know the parameter, and without Premium it is dropped before validation. */
    private String branchRegexProblem(ApiRequest request) {
        if (!state.premium() || !state.version().enterprise() || !request.has("mirror_branch_regex")) {
            return null;
        }
        return BranchFilter.problem(request.string("mirror_branch_regex"));
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

    /**
     * verify_mirror_branches_setting (ee/lib/ee/api/helpers/remote_mirrors_helpers.rb) decides on the request's own
     * attributes: only_protected_branches=true clears the regex, a regex sets only_protected_branches to false.
     */
    private void apply(ApiRequest request, PushMirrorRec mirror) {
        if (request.has("keep_divergent_refs")) {
            mirror.keepDivergentRefs = request.bool("keep_divergent_refs");
        }
        if (request.has("auth_method")) {
            mirror.authMethod = request.string("auth_method");
        }
        Boolean onlyProtected = request.bool("only_protected_branches");
        String regex = null;
        boolean regexGiven = false;
        // mirror_branch_regex is a Premium feature; other tiers drop it silently
        if (state.premium() && state.version().enterprise() && request.has("mirror_branch_regex")) {
            regexGiven = true;
            regex = request.string("mirror_branch_regex");
            regex = regex == null || regex.isBlank() ? null : regex;
        }
        if (Boolean.TRUE.equals(onlyProtected)) {
            regex = null;
            regexGiven = true;
        } else if (regex != null) {
            onlyProtected = false;
        }
        if (onlyProtected != null) {
            mirror.onlyProtectedBranches = onlyProtected;
        }
        if (regexGiven) {
            mirror.mirrorBranchRegex = regex;
        }
    }
}
