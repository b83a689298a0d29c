package io.mirrormaestro.api.activity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is making the current request, for the activity log. */
final class Actor {

    private Actor() {}

    static String current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())
                ? "anonymous"
                : auth.getName();
    }
}
