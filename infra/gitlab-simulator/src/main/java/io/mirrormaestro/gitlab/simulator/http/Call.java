package io.mirrormaestro.gitlab.simulator.http;

import io.mirrormaestro.gitlab.simulator.auth.Principal;
import io.mirrormaestro.gitlab.simulator.model.UserRec;
import java.util.Map;

/** One routed request: the request, decoded path parameters and the authenticated caller. */
public record Call(ApiRequest request, Map<String, String> pathParams, Principal principal) {

    public String path(String name) {
        return pathParams.get(name);
    }

    /** The current user; null for anonymous calls on routes that allow them. */
    public UserRec user() {
        return principal.authenticated() ? principal.user() : null;
    }
}
