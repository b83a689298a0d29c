package io.mirrormaestro.gitlab.simulator.auth;

import io.mirrormaestro.gitlab.simulator.model.TokenRec;
import io.mirrormaestro.gitlab.simulator.model.UserRec;

/** Who is calling: a user through a token, nobody, or a token that failed to authenticate. */
public record Principal(UserRec user, TokenRec token, Failure failure, String presentedToken) {

    public enum Failure {
        NONE,
        UNKNOWN,
        EXPIRED,
        REVOKED
    }

    public static final Principal ANONYMOUS = new Principal(null, null, Failure.NONE, null);

    public boolean authenticated() {
        return user != null && failure == Failure.NONE;
    }

    public boolean admin() {
        return user != null && user.admin;
    }

    /** For the request log: never the secret itself. */
    public String tokenName() {
        if (token != null) {
            return token.name;
        }
        return presentedToken == null ? null : "<unknown>";
    }

    /** Rate limits are per token (per IP for anonymous callers). */
    public String rateLimitKey() {
        return presentedToken == null ? "anonymous" : presentedToken;
    }
}
