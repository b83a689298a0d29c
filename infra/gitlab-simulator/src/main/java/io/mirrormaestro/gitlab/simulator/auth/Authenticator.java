package io.mirrormaestro.gitlab.simulator.auth;

import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.TokenRec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the token of a request the way GitLab's AuthFinders do, including reuse detection. */
public final class Authenticator {
    private final InstanceState state;

    public Authenticator(InstanceState state) {
        this.state = state;
    }

    public Principal identify(ApiRequest request) {
        String raw = presentedToken(request);
        if (raw == null) {
            return Principal.ANONYMOUS;
        }
        TokenRec token = state.tokenByValue(raw);
        if (token == null) {
            return new Principal(null, null, Principal.Failure.UNKNOWN, raw);
        }
        if (token.revoked) {
            // GitLab revokes the whole rotation family when a rotated-away token shows up again
            if (token.successorId != 0) {
                revokeFamilyAfter(token);
            }
            return new Principal(token.user, token, Principal.Failure.REVOKED, raw);
        }
        if (token.expired(state.clock.today())) {
            return new Principal(token.user, token, Principal.Failure.EXPIRED, raw);
        }
        token.lastUsedAt = state.now();
        return new Principal(token.user, token, Principal.Failure.NONE, raw);
    }

    private void revokeFamilyAfter(TokenRec token) {
        synchronized (state.lock) {
            long next = token.successorId;
            while (next != 0) {
                TokenRec successor = state.tokens.get(next);
                if (successor == null) {
                    break;
                }
                successor.revoked = true;
                next = successor.successorId;
            }
        }
    }

    /** Raises GitLab's 401 answers for tokens that were presented but are not usable. */
    public static void requireValid(Principal principal, boolean allowAnonymous) {
        switch (principal.failure()) {
            case UNKNOWN -> throw ApiException.unauthorized();
            case EXPIRED ->
                throw invalidToken("Token is expired. You can either do re-authorization or token refresh.");
            case REVOKED -> throw invalidToken("Token was revoked. You have to re-authorize from the user.");
            case NONE -> {
                if (principal.user() == null && !allowAnonymous) {
                    throw ApiException.unauthorized();
                }
            }
        }
    }

    /**
     * GitLab's InsufficientScopeError answer (lib/api/api_guard.rb: rack-oauth2 Bearer::Forbidden). Only rack-oauth2's
     * Unauthorized (401) carries WWW-Authenticate; the 403 has none. The scopes are listed in a fixed order, so the
     * same route always answers the same body.
     */
    public static void requireScope(Principal principal, Set<String> allowed) {
        if (principal.token() == null || allowed == null) {
            return;
        }
        for (String scope : principal.token().scopes) {
            if (allowed.contains(scope)) {
                return;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "insufficient_scope");
        body.put("error_description", "The request requires higher privileges than provided by the access token.");
        body.put("scope", String.join(" ", ordered(allowed)));
        throw new ApiException(ApiResponse.json(403, body));
    }

    /** api first, then read_api and the narrower scopes: the order GitLab's routes declare them in. */
    static List<String> ordered(Set<String> scopes) {
        List<String> out = new ArrayList<>(scopes);
        out.sort(Comparator.comparingInt((String s) -> {
                    int i = SCOPE_ORDER.indexOf(s);
                    return i < 0 ? SCOPE_ORDER.size() : i;
                })
                .thenComparing(Comparator.naturalOrder()));
        return out;
    }

    private static final List<String> SCOPE_ORDER =
            List.of("api", "read_api", "read_user", "read_repository", "write_repository", "self_rotate");

    /** The one answer with WWW-Authenticate: rack-oauth2's Bearer::Unauthorized for an expired or revoked token. */
    private static ApiException invalidToken(String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid_token");
        body.put("error_description", description);
        return new ApiException(ApiResponse.json(401, body)
                .header(
                        "WWW-Authenticate",
                        "Bearer realm=\"\", error=\"invalid_token\", error_description=\"" + description + "\""));
    }

    /** PRIVATE-TOKEN header, Authorization: Bearer, or the private_token / access_token parameter. */
    static String presentedToken(ApiRequest request) {
        String header = request.header("PRIVATE-TOKEN");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String value = authorization.substring(7).trim();
            return value.isEmpty() ? null : value;
        }
        String param = request.string("private_token");
        if (param == null) {
            param = request.string("access_token");
        }
        return param == null || param.isBlank() ? null : param;
    }
}
