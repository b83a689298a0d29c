package io.mirrormaestro.api.security;

import io.mirrormaestro.api.user.UserAccount;
import io.mirrormaestro.api.user.UserAccounts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session holds the role its user had at sign-in; this filter checks the stored user at each request of a
 * session, so a deleted user's session ends and a changed role applies at once, as it does for Basic and API tokens.
 */
final class SessionRefresh extends OncePerRequestFilter {

    private final UserAccounts users;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SessionRefresh(UserAccounts users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (session != null
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && (current instanceof UsernamePasswordAuthenticationToken
                        || current instanceof OAuth2AuthenticationToken)) {
            refresh(current, session, request, response);
        }
        chain.doFilter(request, response);
    }

    private void refresh(
            Authentication current, HttpSession session, HttpServletRequest request, HttpServletResponse response) {
        Optional<UserAccount> account = users.find(current.getName());
        if (account.isEmpty()) {
            SecurityContextHolder.clearContext();
            session.invalidate();
            return;
        }
        String authority = account.get().roleOrViewer().authority();
        List<String> held = current.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
        if (held.equals(List.of(authority))) {
            return;
        }
        List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority(authority));
        Authentication updated = current instanceof OAuth2AuthenticationToken oauth
                ? new OAuth2AuthenticationToken(
                        oauth.getPrincipal(), authorities, oauth.getAuthorizedClientRegistrationId())
                : UsernamePasswordAuthenticationToken.authenticated(current.getPrincipal(), null, authorities);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(updated);
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
    }
}
