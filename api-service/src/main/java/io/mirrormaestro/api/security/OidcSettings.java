package io.mirrormaestro.api.security;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OpenID Connect sign-in ({@code MM_OIDC_*}): on while {@code issuerUri} is set. The provider's discovery document
 * is read at start-up.
 *
 * @param roleClaim the ID token or user info claim holding the user's roles (a string or a list); its first value
 *     naming one of our roles ({@code admin}, {@code operator}, {@code viewer}, highest first) decides
 * @param usernameClaim the claim that becomes the user name (and the actor in the activity log)
 * @param defaultRole the role of users whose claim names none of ours; empty refuses them
 */
@ConfigurationProperties("mm.api.oidc")
record OidcSettings(
        URI issuerUri,
        String clientId,
        String clientSecret,
        String roleClaim,
        String usernameClaim,
        String defaultRole,
        List<String> scopes) {

    static final String REGISTRATION = "oidc";

    OidcSettings {
        roleClaim = blank(roleClaim) ? "roles" : roleClaim.trim();
        usernameClaim = blank(usernameClaim) ? "preferred_username" : usernameClaim.trim();
        scopes = scopes == null || scopes.isEmpty()
                ? List.of("openid", "profile", "email")
                : scopes.stream().filter(s -> !s.isBlank()).toList();
    }

    boolean enabled() {
        return issuerUri != null && !issuerUri.toString().isBlank();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "OidcSettings[issuerUri=" + issuerUri + ", clientId=" + clientId + ", clientSecret=****, roleClaim="
                + roleClaim + ", usernameClaim=" + usernameClaim + ", defaultRole=" + defaultRole + "]";
    }
}
