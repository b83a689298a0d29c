package io.mirrormaestro.gitlab.simulator.tokens;

import io.mirrormaestro.gitlab.simulator.api.Entities;
import io.mirrormaestro.gitlab.simulator.api.Finders;
import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.Call;
import io.mirrormaestro.gitlab.simulator.http.Pagination;
import io.mirrormaestro.gitlab.simulator.http.Router;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.GroupRec;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.TokenKind;
import io.mirrormaestro.gitlab.simulator.model.TokenRec;
import io.mirrormaestro.gitlab.simulator.model.UserRec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Group and project access tokens (doc/api/group_access_tokens.md, project_access_tokens.md,
 * lib/api/resource_access_tokens.rb). Groups need the Owner role, projects Maintainer.
 */
public final class AccessTokensApi {
    private final InstanceState state;
    private final Entities entities;
    private final Finders finders;
    private final TokenService tokens;

    /** A group or a project, seen through the few things this API needs. */
    private record Resource(TokenKind kind, long id, String label, int manageLevel, int callerLevel) {}

    public AccessTokensApi(InstanceState state, Entities entities, Finders finders, TokenService tokens) {
        this.state = state;
        this.entities = entities;
        this.finders = finders;
        this.tokens = tokens;
    }

    public void register(Router router) {
        for (String type : List.of("groups", "projects")) {
            String base = "/" + type + "/:id/access_tokens";
            router.route("GET", base, this::list).add();
            router.route("GET", base + "/:token_id", this::get).add();
            router.route("POST", base, this::create).add();
            router.route("POST", base + "/:token_id/rotate", this::rotate)
                    .scopes(Set.of("api", "self_rotate"))
                    .when(s -> s.version().atLeast(16, 0))
                    .add();
            router.route("DELETE", base + "/:token_id", this::revoke).add();
        }
    }

    private Resource resource(Call call) {
        boolean group = call.request().rawPath().contains("/groups/");
        UserRec user = call.user();
        if (group) {
            GroupRec g = finders.group(call);
            return new Resource(TokenKind.GROUP, g.id, "group", AccessLevel.OWNER, state.accessLevel(user, g));
        }
        ProjectRec p = finders.project(call);
        return new Resource(TokenKind.PROJECT, p.id, "project", AccessLevel.MAINTAINER, state.accessLevel(user, p));
    }

    private boolean canManage(Resource r) {
        return r.callerLevel() >= r.manageLevel();
    }

    /** "self" is the token of the request, provided it belongs to this group/project. */
    private TokenRec find(Resource r, Call call) {
        String id = call.path("token_id");
        if ("self".equals(id)) {
            TokenRec current = call.principal().token();
            return current != null && current.kind == r.kind() && current.resourceId == r.id() ? current : null;
        }
        if (!InstanceState.isNumeric(id)) {
            return null;
        }
        TokenRec token = state.tokens.get(Long.parseLong(id));
        return token != null && token.kind == r.kind() && token.resourceId == r.id() ? token : null;
    }

    private ApiException tokenNotFound(Resource r, Call call) {
        return ApiException.notFound(
                "Could not find " + r.label() + " access token with token_id: " + call.path("token_id"));
    }

    private ApiResponse list(Call call) {
        Resource r = resource(call);
        if (!canManage(r)) {
            throw ApiException.unauthorized();
        }
        String wanted = call.request().string("state");
        if (wanted != null && !wanted.equals("active") && !wanted.equals("inactive")) {
            throw ApiException.paramError("state does not have a valid value");
        }
        LocalDate today = state.clock.today();
        List<TokenRec> out = new ArrayList<>();
        for (TokenRec t : state.tokensOfResource(r.kind(), r.id())) {
            if (wanted == null || wanted.equals("active") == t.active(today)) {
                out.add(t);
            }
        }
        return Pagination.offset(call.request(), state.baseUrl(), out, t -> entities.token(t, false, true));
    }

    private ApiResponse get(Call call) {
        Resource r = resource(call);
        boolean self = "self".equals(call.path("token_id"));
        if (!canManage(r) && !self) {
            throw ApiException.unauthorized();
        }
        TokenRec token = find(r, call);
        if (token == null && self) {
            // "self" names the token of the request; one of another group or project is refused as unauthorized,
            // not reported missing (lib/api/resource_access_tokens.rb)
            throw ApiException.unauthorized();
        }
        if (token == null) {
            throw tokenNotFound(r, call);
        }
        return ApiResponse.ok(entities.token(token, false, true));
    }

    private ApiResponse create(Call call) {
        Resource r = resource(call);
        ApiRequest request = call.request();
        List<String> missing = new ArrayList<>();
        if (!request.has("name")) {
            missing.add("name is missing");
        }
        if (!request.has("scopes")) {
            missing.add("scopes is missing");
        }
        if (!missing.isEmpty()) {
            throw ApiException.paramError(String.join(", ", missing));
        }
        List<String> scopes = request.list("scopes");
        if (scopes.isEmpty() || !TokenService.RESOURCE_SCOPES.containsAll(scopes)) {
            throw ApiException.paramError("scopes does not have a valid value");
        }
        Integer level = request.integer("access_level");
        int accessLevel = level == null ? AccessLevel.MAINTAINER : level;
        if (!AccessLevel.isValid(accessLevel)) {
            throw ApiException.paramError("access_level does not have a valid value");
        }
        LocalDate expiresAt = request.date("expires_at");
        if (expiresAt == null) {
            expiresAt = state.clock.today().plusDays(TokenService.MAX_LIFETIME_DAYS);
        }
        if (!canManage(r)) {
            throw ApiException.badRequest("User does not have permission to create " + r.label() + " access token");
        }
        if (!call.user().admin && accessLevel > r.callerLevel()) {
            throw ApiException.badRequest(
                    "Could not provision " + AccessLevelNames.name(accessLevel).toLowerCase()
                            + " access to the access token. ERROR: access level of the token can't be greater than the"
                            + " access level of the user who created the token");
        }
        String problem = tokens.validateExpiry(expiresAt);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        String name = request.string("name");
        String description = request.string("description");
        TokenRec token = r.kind() == TokenKind.GROUP
                ? tokens.createGroupToken(
                        state.groups.get(r.id()), name, description, scopes, accessLevel, expiresAt, null)
                : tokens.createProjectToken(
                        state.projects.get(r.id()), name, description, scopes, accessLevel, expiresAt, null);
        return ApiResponse.created(entities.token(token, true, true));
    }

    private ApiResponse rotate(Call call) {
        Resource r = resource(call);
        TokenRec current = call.principal().token();
        boolean selfRotation = "self".equals(call.path("token_id"));
        TokenRec token;
        if (selfRotation) {
            token = find(r, call);
            if (token == null) {
                throw ApiException.unauthorized();
            }
        } else {
            // only humans with the right role rotate other tokens; admins learn that a token is missing
            boolean byResourceToken = current != null && current.kind != TokenKind.PERSONAL;
            token = canManage(r) && !byResourceToken ? find(r, call) : null;
            if (token == null) {
                throw call.user().admin ? ApiException.notFound(null) : ApiException.unauthorized();
            }
            if (!current.hasAnyScope("api")) {
                throw ApiException.forbidden();
            }
        }
        if (token.revoked || !token.active(state.clock.today())) {
            throw ApiException.badRequest("Token already revoked");
        }
        LocalDate expiresAt = call.request().date("expires_at");
        String problem = tokens.validateExpiry(expiresAt);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        TokenRec fresh = tokens.rotate(token, expiresAt);
        return ApiResponse.ok(entities.token(fresh, true, true));
    }

    private ApiResponse revoke(Call call) {
        Resource r = resource(call);
        TokenRec token = find(r, call);
        if (token == null || "self".equals(call.path("token_id"))) {
            throw tokenNotFound(r, call);
        }
        if (!canManage(r)) {
            throw ApiException.badRequest(call.user().name + " cannot delete " + token.user.username);
        }
        tokens.revoke(token);
        return ApiResponse.noContent();
    }
}
