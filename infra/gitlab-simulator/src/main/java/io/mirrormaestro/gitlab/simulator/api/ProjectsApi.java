package io.mirrormaestro.gitlab.simulator.api;

import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.Call;
import io.mirrormaestro.gitlab.simulator.http.Router;
import io.mirrormaestro.gitlab.simulator.http.ValidationErrors;
import io.mirrormaestro.gitlab.simulator.mirrors.BranchFilter;
import io.mirrormaestro.gitlab.simulator.mirrors.MirrorEngine;
import io.mirrormaestro.gitlab.simulator.mirrors.UrlBlocker;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.PullMirrorRec;
import io.mirrormaestro.gitlab.simulator.model.UserRec;
import io.mirrormaestro.gitlab.simulator.model.Visibility;
import java.util.List;

/** GET /projects, GET /projects/:id and PUT /projects/:id (incl. the legacy pull-mirror settings). */
public final class ProjectsApi {
    /** Import::ValidateRemoteGitEndpointService's answer when the remote cannot be read. */
    static final String UNABLE_TO_ACCESS = "Unable to access repository with the URL and credentials provided";
    /** ee/app/services/ee/projects/update_service.rb PULL_MIRROR_ATTRIBUTES, as the API takes them. */
    private static final List<String> PULL_MIRROR_ATTRIBUTES = List.of(
            "mirror",
            "mirror_user_id",
            "import_url",
            "mirror_trigger_builds",
            "only_mirror_protected_branches",
            "mirror_overwrites_diverged_branches",
            "mirror_branch_regex");

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

    /**
     * PUT /projects/:id (lib/api/projects.rb). On EE with the pull-mirror license the deprecated mirror attributes
     * are handled as ee/lib/ee/api/projects.rb and ee/app/services/ee/projects/update_service.rb do: Grape refuses
     * only_mirror_protected_branches with mirror_branch_regex; validate_git_import_url! reads the remote first and
     * answers 422 when it cannot (lib/api/helpers/projects_helpers.rb); mirror_user_setting makes the caller the mirror
     * user, and another user is "is invalid" unless the caller is an administrator; mirror_branch_setting lets a regex
     * switch only_mirror_protected_branches off; model errors are the error hash of render_validation_error!; a
     * request with mirror=true schedules an update, switching mirroring off removes the credentials.
     */
    private ApiResponse update(Call call) {
        ProjectRec project = finders.project(call);
        UserRec user = call.user();
        if (state.accessLevel(user, project) < AccessLevel.MAINTAINER) {
            throw ApiException.forbidden();
        }
        ApiRequest request = call.request();
        boolean enterprise = state.version().enterprise();
        if (enterprise && request.has("only_mirror_protected_branches") && request.has("mirror_branch_regex")) {
            throw ApiException.paramError("only_mirror_protected_branches, mirror_branch_regex are mutually exclusive");
        }
        Visibility visibility = null;
        if (request.has("visibility")) {
            try {
                visibility = Visibility.parse(request.string("visibility"));
            } catch (IllegalArgumentException e) {
                throw ApiException.paramError("visibility does not have a valid value");
            }
        }
        // without the Premium license verify_mirror_attrs! drops the mirror attributes silently
        boolean mirrorAttributes =
                enterprise && state.premium() && PULL_MIRROR_ATTRIBUTES.stream().anyMatch(request::has);
        MirrorPlan plan = mirrorAttributes ? MirrorPlan.read(request) : null;
        if (plan != null && plan.importUrlGiven && !engine.canRead(plan.importUrl)) {
            throw ApiException.message(422, UNABLE_TO_ACCESS);
        }
        boolean startMirror;
        synchronized (state.lock) {
            if (plan != null) {
                validate(plan, project, user);
            }
            if (visibility != null) {
                project.visibility = visibility;
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
            startMirror = plan != null && apply(plan, project.pull);
            project.updatedAt = state.now();
        }
        if (startMirror) {
            engine.forceImportJob(project);
        }
        return ApiResponse.ok(entities.project(project, user, false));
    }

    /** mirror_user_setting, then the model's validations; nothing is saved when either finds a problem. */
    private void validate(MirrorPlan plan, ProjectRec project, UserRec user) {
        PullMirrorRec pull = project.pull;
        ValidationErrors errors = new ValidationErrors();
        if (plan.mirrorUserId != null && !plan.mirrorUserId.equals(pull.mirrorUserId)) {
            if (!user.admin || !state.users.containsKey(plan.mirrorUserId)) {
                errors.add("mirror_user_id", "is invalid").throwIfAny();
            }
            plan.effectiveMirrorUser = plan.mirrorUserId;
        } else {
            plan.effectiveMirrorUser = user.id;
        }
        boolean willMirror = plan.mirror != null ? plan.mirror : pull.mirror;
        if (plan.importUrlGiven) {
            String blocked = UrlBlocker.blockedReason(state, plan.importUrl);
            if (blocked != null) {
                errors.add("import_url", "is blocked: " + blocked);
            }
        } else if (willMirror && pull.url == null) {
            errors.add("import_url", "can't be blank");
        }
        String regexProblem = plan.regexGiven ? BranchFilter.problem(plan.regex) : null;
        if (regexProblem != null) {
            errors.add("project_setting.mirror_branch_regex", regexProblem);
        }
        errors.throwIfAny();
    }

    /** Returns whether a mirror update must be scheduled: mirror=true on a project that mirrors. */
    private static boolean apply(MirrorPlan plan, PullMirrorRec pull) {
        boolean wasMirror = pull.mirror;
        if (plan.importUrlGiven) {
            pull.url = plan.importUrl;
        }
        if (plan.triggerBuilds != null) {
            pull.mirrorTriggerBuilds = plan.triggerBuilds;
        }
        if (plan.onlyProtected != null) {
            pull.onlyMirrorProtectedBranches = plan.onlyProtected;
        }
        if (plan.overwrites != null) {
            pull.mirrorOverwritesDivergedBranches = plan.overwrites;
        }
        if (plan.regexGiven) {
            pull.mirrorBranchRegex = plan.regex == null || plan.regex.isBlank() ? null : plan.regex;
        }
        if (plan.mirror != null) {
            pull.mirror = plan.mirror;
        }
        pull.mirrorUserId = plan.effectiveMirrorUser;
        if (wasMirror && !pull.mirror && pull.url != null) {
            pull.url = pull.url.withCredentials(null, null); // remove_import_data
        }
        return Boolean.TRUE.equals(plan.mirror) && pull.mirror;
    }

    /** The pull-mirror attributes of one request, after mirror_branch_setting. */
    private static final class MirrorPlan {
        Boolean mirror;
        boolean importUrlGiven;
        MirrorUrl importUrl;
        Boolean triggerBuilds;
        Boolean onlyProtected;
        Boolean overwrites;
        boolean regexGiven;
        String regex;
        Long mirrorUserId;
        long effectiveMirrorUser;

        static MirrorPlan read(ApiRequest request) {
            MirrorPlan plan = new MirrorPlan();
            plan.mirror = request.bool("mirror");
            plan.triggerBuilds = request.bool("mirror_trigger_builds");
            plan.onlyProtected = request.bool("only_mirror_protected_branches");
            plan.overwrites = request.bool("mirror_overwrites_diverged_branches");
            plan.mirrorUserId = request.longValue("mirror_user_id");
            String importUrl = request.string("import_url");
            if (importUrl != null && !importUrl.isBlank()) {
                plan.importUrlGiven = true;
                plan.importUrl = MirrorUrl.parse(importUrl);
            }
            plan.regexGiven = request.has("mirror_branch_regex");
            plan.regex = request.string("mirror_branch_regex");
            if (plan.regex != null && !plan.regex.isEmpty()) {
                plan.onlyProtected = false;
            }
            if (Boolean.TRUE.equals(plan.onlyProtected)) {
                plan.regex = null;
                plan.regexGiven = true;
            }
            return plan;
        }
    }
}
