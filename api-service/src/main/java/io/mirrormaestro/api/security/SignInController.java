package io.mirrormaestro.api.security;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.user.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser's sign-in: {@code POST /api/auth/login} checks a user name and password (throttled like HTTP Basic),
 * starts a new session and answers who signed in, what they may do and the CSRF token that the session's writes must
 * carry in {@code X-CSRF-TOKEN}; {@code GET /api/auth/me} answers the same for whoever the request signs in as
 * (session, Basic or API token). {@code POST /api/auth/logout} is Spring Security's logout.
 */
@RestController
@RequestMapping("/api/auth")
class SignInController {

    private final ProviderManager passwords;
    private final SignInThrottle throttle;
    private final CsrfTokenRepository csrf;
    private final ApiSettings settings;
    private final OidcSettings oidc;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SignInController(
            UserDetailsService users,
            PasswordEncoder encoder,
            SignInThrottle throttle,
            CsrfTokenRepository csrf,
            ApiSettings settings,
            OidcSettings oidc) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        this.passwords = new ProviderManager(provider);
        this.throttle = throttle;
        this.csrf = csrf;
        this.settings = settings;
        this.oidc = oidc;
    }

    record Credentials(@NotNull @NotBlank String username, @NotNull String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=****]";
        }
    }

    /**
     * Who is signed in.
     *
     * @param method {@code session}, {@code basic}, {@code token} or {@code none} (authentication is off)
     * @param permissions {@code read}, {@code write}, {@code users}, {@code backup}
     * @param csrfToken for a session: send it as {@code X-CSRF-TOKEN} with every write
     */
    record Me(
            String username,
            String role,
            List<String> permissions,
            String method,
            boolean authEnabled,
            String csrfToken) {}

    record Options(boolean authEnabled, boolean oidc, String oidcLoginUrl) {}

    @GetMapping("/options")
    Options options() {
        return new Options(settings.auth().enabled(), oidc.enabled(), oidc.enabled() ? OidcSignIn.START : null);
    }

    @PostMapping("/login")
    ResponseEntity<?> login(
            @Valid @RequestBody Credentials credentials, HttpServletRequest request, HttpServletResponse response) {
        if (!settings.auth().enabled()) {
            return ResponseEntity.ok(anonymous());
        }
        String client = request.getRemoteAddr();
        long retryAfter = throttle.retryAfterSeconds(client);
        if (retryAfter > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                    .body(problem(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "too many failed sign-ins from this address: try again in " + retryAfter + " s"));
        }
        Authentication authentication;
        try {
            authentication = passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    credentials.username(), credentials.password()));
        } catch (AuthenticationException e) {
            throttle.failed(client);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(problem(HttpStatus.UNAUTHORIZED, "wrong user name or password"));
        }
        if (role(authentication) == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .body(problem(HttpStatus.FORBIDDEN, credentials.username() + " may not sign in to the UI"));
        }
        // a new session for the signed-in user: whatever session the browser had before is dropped (fixation)
        HttpSession previous = request.getSession(false);
        if (previous != null) {
            previous.invalidate();
        }
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        CsrfToken token = csrf.generateToken(request);
        csrf.saveToken(token, request, response);
        return ResponseEntity.ok(me(authentication, "session", token.getToken()));
    }

    @GetMapping("/me")
    Me me(Authentication authentication, HttpServletRequest request) {
        if (!settings.auth().enabled()) {
            return anonymous();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return me(authentication, ApiTokenAuthentication.hasBearer(request) ? "token" : "basic", null);
        }
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return me(authentication, "session", token == null ? null : token.getToken());
    }

    private static Me me(Authentication authentication, String method, String csrfToken) {
        Role role = role(authentication);
        String name = authentication.getPrincipal() instanceof OidcUser oidcUser
                ? oidcUser.getName()
                : authentication.getName();
        return new Me(
                name,
                role == null ? null : role.wireName(),
                role == null ? List.of() : role.permissions(),
                method,
                true,
                csrfToken);
    }

    private static Me anonymous() {
        return new Me("anonymous", Role.ADMIN.wireName(), Role.ADMIN.permissions(), "none", false, null);
    }

    private static Role role(Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return Role.ofAuthorities(authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .toList())
                .orElse(null);
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
