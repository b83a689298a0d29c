package io.mirrormaestro.api.security;

import io.mirrormaestro.api.user.Role;
import io.mirrormaestro.api.user.UserAccounts;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;

/**
 * OpenID Connect sign-in through Spring Security's OAuth2 client: the browser goes to
 * {@code /oauth2/authorization/oidc}, the provider sends it back to {@code /login/oauth2/code/oidc}, and the user is
 * signed in with a session like a local user, with the role its {@code MM_OIDC_ROLE_CLAIM} names.
 */
final class OidcSignIn {

    static final String START = "/oauth2/authorization/" + OidcSettings.REGISTRATION;

    private OidcSignIn() {}

    static Customizer<OAuth2LoginConfigurer<org.springframework.security.config.annotation.web.builders.HttpSecurity>>
            configure(OidcSettings settings, UserAccounts users) {
        ClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
                ClientRegistrations.fromIssuerLocation(settings.issuerUri().toString())
                        .registrationId(OidcSettings.REGISTRATION)
                        .clientId(settings.clientId())
                        .clientSecret(settings.clientSecret())
                        .scope(settings.scopes())
                        .userNameAttributeName(settings.usernameClaim())
                        .build());
        return login -> login.clientRegistrationRepository(registrations)
                .loginPage("/sign-in")
                .userInfoEndpoint(u -> u.oidcUserService(userService(settings, users)))
                .successHandler(new SimpleUrlAuthenticationSuccessHandler("/"))
                .failureHandler(new SimpleUrlAuthenticationFailureHandler("/sign-in?error=oidc"));
    }

    static OAuth2UserService<OidcUserRequest, OidcUser> userService(OidcSettings settings, UserAccounts users) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Role role = roleOf(user.getClaims().get(settings.roleClaim()))
                    .or(() -> Role.parse(settings.defaultRole()))
                    .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(
                            "access_denied",
                            "claim " + settings.roleClaim() + " names none of " + Role.wireNames(),
                            null)));
            DefaultOidcUser signedIn = new DefaultOidcUser(
                    List.of(new SimpleGrantedAuthority(role.authority())),
                    user.getIdToken(),
                    user.getUserInfo(),
                    settings.usernameClaim());
            users.signedInThroughOidc(signedIn.getName(), role);
            return signedIn;
        };
    }

    /** The highest of our roles that the claim names (a string, a list, or a comma- or space-separated string). */
    static Optional<Role> roleOf(Object claim) {
        List<String> values;
        if (claim instanceof Collection<?> many) {
            values = many.stream().map(String::valueOf).toList();
        } else if (claim instanceof String one) {
            values = List.of(one.split("[,\\s]+"));
        } else {
            return Optional.empty();
        }
        for (Role role : Role.values()) {
            if (values.stream().anyMatch(v -> v.trim().equalsIgnoreCase(role.wireName()))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
