package io.mirrormaestro.api.security;

import io.mirrormaestro.api.user.ApiTokens;
import io.mirrormaestro.api.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * {@code Authorization: Bearer mmt_…}: a user's API token signs the request in as that user, with the user's current
 * role, for this request only (no session). Built from Spring Security's {@link AuthenticationFilter}: a converter
 * that reads the header and a provider that looks the token's digest up.
 */
final class ApiTokenAuthentication {

    private ApiTokenAuthentication() {}

    static AuthenticationFilter filter(ApiTokens tokens, AuthenticationEntryPoint entryPoint) {
        AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(provider(tokens)), converter());
        filter.setSuccessHandler((request, response, authentication) -> {});
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
        return filter;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static AuthenticationConverter converter() {
        return request -> hasBearer(request)
                ? new Presented(request.getHeader(HttpHeaders.AUTHORIZATION)
                        .substring(7)
                        .trim())
                : null;
    }

    private static AuthenticationProvider provider(ApiTokens tokens) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                UserAccount user = tokens.owner((String) authentication.getCredentials())
                        .orElseThrow(() -> new BadCredentialsException("unknown or revoked API token"));
                return UsernamePasswordAuthenticationToken.authenticated(
                        user.username(),
                        null,
                        List.of(new SimpleGrantedAuthority(user.roleOrViewer().authority())));
            }

            @Override
            public boolean supports(Class<?> type) {
                return Presented.class.isAssignableFrom(type);
            }
        };
    }

    /** A token as presented, not checked yet; never prints it. */
    private static final class Presented extends AbstractAuthenticationToken {

        private final String token;

        Presented(String token) {
            super(List.of());
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "api-token";
        }

        @Override
        public String toString() {
            return "ApiToken[****]";
        }
    }
}
