package io.mirrormaestro.gitlab.simulator.mirrors;

import io.mirrormaestro.gitlab.simulator.api.Entities;
import io.mirrormaestro.gitlab.simulator.api.Finders;
import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.Call;
import io.mirrormaestro.gitlab.simulator.http.Router;
import io.mirrormaestro.gitlab.simulator.http.ValidationErrors;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.PullMirrorRec;
import java.util.List;

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

    /**
     * GitLab documents 202 but answers 200 ({@code status 200} in ee/lib/api/project_mirror.rb). A mirror hard failed
     * after Gitlab::Mirror::MAX_RETRY (14) failures answers 403 "Mirroring for the project is on pause"
     * (StartPullMirroringService with pause_on_hard_failure); inside the pull interval the update is only rescheduled
     * (StartPullMirroringService#update_now?), see {@link MirrorEngine#triggerPull}.
     */
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

    /**
     * PUT /projects/:id/mirror/pull (ee/lib/api/project_mirror.rb) through Repositories::PullMirrors::UpdateService:
     * the caller becomes the mirror user; mirror_branch_regex switches only_mirror_protected_branches off and
     * only_mirror_protected_branches=true clears the regex (Repositories::PullMirrors::Attributes); enabled=false
     * removes the stored credentials (remove_import_data); every successful change of a mirrored project schedules an
     * update (force_import_job!, which
     * also resets the retry count of a hard-failed mirror: configuring a paused mirror resumes it); errors are the project's error hash. The endpoint declares its exclusion on
     * only_protected_branches, which it does not take, so only_mirror_protected_branches together with a regex is
     * accepted (the regex wins), unlike on the legacy PUT /projects/:id.
     */
    private ApiResponse configure(Call call) {
        ProjectRec project = project(call);
        ApiRequest request = call.request();
        if (SETTINGS.stream().noneMatch(request::has)) {
            throw ApiException.paramError(
                    String.join(", ", SETTINGS) + " are missing, at least one parameter must be provided");
        }
        if (request.has("only_protected_branches") && request.has("mirror_branch_regex")) {
            throw ApiException.paramError("only_protected_branches, mirror_branch_regex are mutually exclusive");
        }
        Boolean enabled = request.bool("enabled");
        Boolean onlyProtected = request.bool("only_mirror_protected_branches");
        Boolean triggerBuilds = request.bool("mirror_trigger_builds");
        Boolean overwrites = request.bool("mirror_overwrites_diverged_branches");
        if (!state.premium()) {
            throw ApiException.message(400, "Pull mirroring is not available");
        }
        PullMirrorRec pull = project.pull;
        boolean start;
        synchronized (state.lock) {
            ValidationErrors errors = new ValidationErrors();
            MirrorUrl url = pull.url;
            if (request.has("url")) {
                url = MirrorUrl.parse(request.string("url"));
                if (url == null) {
                    errors.add("import_url", "is blocked: Only allowed schemes are http, https, ssh, git");
                } else {
                    String blocked = UrlBlocker.blockedReason(state, url);
                    if (blocked != null) {
                        errors.add("import_url", "is blocked: " + blocked);
                    }
                }
            }
            boolean mirror = enabled != null ? enabled : pull.mirror;
            if (url != null && Boolean.FALSE.equals(enabled)) {
                url = url.withCredentials(null, null); // remove_import_data: the credentials are gone
            } else if (url != null && (request.has("auth_user") || request.has("auth_password"))) {
                url = url.withCredentials(
                        request.has("auth_user") ? request.string("auth_user") : url.user(),
                        request.has("auth_password") ? request.string("auth_password") : url.password());
            }
            if (mirror && url == null && !request.has("url")) {
                errors.add("import_url", "can't be blank");
            }
            String regex = request.string("mirror_branch_regex");
            boolean regexGiven = request.has("mirror_branch_regex");
            if (regexGiven && regex != null && !regex.isEmpty()) {
                onlyProtected = false;
            }
            if (Boolean.TRUE.equals(onlyProtected)) {
                regex = null;
                regexGiven = true;
            }
            String regexProblem = regexGiven ? BranchFilter.problem(regex) : null;
            if (regexProblem != null) {
                errors.add("project_setting.mirror_branch_regex", regexProblem);
            }
            errors.throwIfAny();
            pull.url = url;
            pull.mirror = mirror;
            pull.lastError = null;
            if (triggerBuilds != null) {
                pull.mirrorTriggerBuilds = triggerBuilds;
            }
            if (onlyProtected != null) {
                pull.onlyMirrorProtectedBranches = onlyProtected;
            }
            if (overwrites != null) {
                pull.mirrorOverwritesDivergedBranches = overwrites;
            }
            if (regexGiven) {
                pull.mirrorBranchRegex = regex == null || regex.isBlank() ? null : regex;
            }
            pull.mirrorUserId = call.user().id;
            start = mirror;
        }
        if (start) {
            engine.forceImportJob(project);
        }
        return ApiResponse.ok(entities.pullMirror(pull));
    }
}
