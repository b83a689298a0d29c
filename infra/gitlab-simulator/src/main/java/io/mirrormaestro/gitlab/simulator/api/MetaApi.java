package io.mirrormaestro.gitlab.simulator.api;

import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.Call;
import io.mirrormaestro.gitlab.simulator.http.Router;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.TokenRec;
import io.mirrormaestro.gitlab.simulator.tokens.TokenService;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** /version, /metadata, /user and the personal-access-token "self" endpoints. */
public final class MetaApi {
    /** GitLab allows read_user on these GET endpoints besides api/read_api. */
    private static final Set<String> READ_USER_SCOPES = Set.of("api", "read_api", "read_user");

    private final InstanceState state;
    private final Entities entities;
    private final TokenService tokens;

    public MetaApi(InstanceState state, Entities entities, TokenService tokens) {
        this.state = state;
        this.entities = entities;
        this.tokens = tokens;
    }

    public void register(Router router) {
        router.route("GET", "/version", this::version).scopes(READ_USER_SCOPES).add();
        router.route("GET", "/metadata", this::metadata)
                .scopes(READ_USER_SCOPES)
                .when(s -> s.version().atLeast(15, 2))
                .add();
        router.route("GET", "/user", this::currentUser).scopes(READ_USER_SCOPES).add();
        router.route("GET", "/application/settings", this::settings).add();
        router.route("PUT", "/application/settings", this::updateSettings).add();
        router.route("GET", "/personal_access_tokens/self", this::tokenSelf)
                .anyScope()
                .add();
        router.route("POST", "/personal_access_tokens/self/rotate", this::rotateSelf)
                .scopes(Set.of("api", "self_rotate"))
                .when(s -> s.version().atLeast(16, 10))
                .add();
    }

    private String revision() {
        return Integer.toHexString(state.version().text().hashCode() & 0x7fffffff) + "0a1";
    }

    /**
     * "As of GitLab 15.5, the Version API is a mirror of the Metadata API" (doc/api/version.md): the same version,
     * revision, kas and enterprise fields. Before that, version and revision only.
     */
    private ApiResponse version(Call call) {
        if (state.version().atLeast(15, 5)) {
            return metadata(call);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", state.version().text());
        m.put("revision", revision());
        return ApiResponse.ok(m);
    }

    /**
     * The outbound-request settings of the application settings API (doc/api/settings.md), administrators only
     * (authenticated_as_admin!: 403 otherwise).
     */
    private ApiResponse settings(Call call) {
        requireAdmin(call);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allow_local_requests_from_web_hooks_and_services", state.allowLocalRequests());
        m.put("allow_local_requests_from_system_hooks", true);
        m.put("dns_rebinding_protection_enabled", true);
        m.put("outbound_local_requests_whitelist", state.localRequestsAllowlist());
        m.put("mirror_available", true);
        return ApiResponse.ok(m);
    }

    private ApiResponse updateSettings(Call call) {
        requireAdmin(call);
        Boolean allow = call.request().bool("allow_local_requests_from_web_hooks_and_services");
        if (allow != null) {
            state.setAllowLocalRequests(allow);
        }
        if (call.request().has("outbound_local_requests_whitelist")) {
            state.setLocalRequestsAllowlist(call.request().list("outbound_local_requests_whitelist"));
        }
        return settings(call);
    }

    private static void requireAdmin(Call call) {
        if (call.user() == null || !call.user().admin) {
            throw ApiException.forbidden();
        }
    }

    private ApiResponse metadata(Call call) {
        Map<String, Object> kas = new LinkedHashMap<>();
        kas.put("enabled", false);
        kas.put("externalUrl", null);
        kas.put("externalK8sProxyUrl", null);
        kas.put("version", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", state.version().text());
        m.put("revision", revision());
        m.put("kas", kas);
        m.put("enterprise", state.version().enterprise());
        return ApiResponse.ok(m);
    }

    private ApiResponse currentUser(Call call) {
        return ApiResponse.ok(entities.user(call.user(), true, call.user().admin));
    }

    private ApiResponse tokenSelf(Call call) {
        return ApiResponse.ok(entities.token(call.principal().token(), false, false));
    }

    private ApiResponse rotateSelf(Call call) {
        TokenRec current = call.principal().token();
        LocalDate expiresAt = call.request().date("expires_at");
        String problem = tokens.validateExpiry(expiresAt);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        TokenRec fresh = tokens.rotate(current, expiresAt);
        return ApiResponse.ok(entities.token(fresh, true, false));
    }
}
