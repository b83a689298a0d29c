package io.mirrormaestro.api.security;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.problem.ProblemResponses;
import io.mirrormaestro.api.user.ApiTokens;
import io.mirrormaestro.api.user.Role;
import io.mirrormaestro.api.user.UserAccount;
import io.mirrormaestro.api.user.UserAccounts;
import io.mirrormaestro.api.web.UiDeepLinkFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may do what. Users sign in three ways: the browser with a session ({@code POST /api/auth/login}, or OpenID
 * Connect when {@code MM_OIDC_ISSUER_URI} is set), scripts with HTTP Basic on every request, automation with an API
 * token ({@code Authorization: Bearer mmt_…}). Roles ({@link Role}) include the ones below them: a viewer reads
 * ({@code GET}), an operator also changes everything but users and backups, an admin does everything.
 *
 * <p>Cross-site request forgery: a session's writes must carry its CSRF token ({@code X-CSRF-TOKEN}); requests that
 * bring their own credentials (Basic, Bearer) need none, because a browser never adds those to another site's
 * request by itself. {@link SameOriginFilter} refuses cross-site writes of every kind in front of that.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MetricsCredential.class, OidcSettings.class})
class SecurityConfiguration {

    static final String DEFAULT_PASSWORD = "changeme";
    static final String LOGIN = "/api/auth/login";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * The UI's policy: everything from this origin, no inline or foreign scripts (Vite emits none), inline styles
     * (Vue's style bindings), data: images, the STOMP WebSocket on this host, never framed. Swagger UI at
     * {@code /docs} lives with it too (its scripts and styles are served from here).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:;"
            + " frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /** ReDoc ({@code /redoc}) runs its search in a Web Worker it creates from a blob: URL. */
    static final String REDOC_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY + "; worker-src 'self' blob:";

    static void refuseDefaultPasswordInProduction(ApiSettings settings) {
        ApiSettings.Auth auth = settings.auth();
        if (auth.enabled() && settings.production() && DEFAULT_PASSWORD.equals(auth.password())) {
            throw new IllegalStateException(
                    "refusing to start in production with the default password: set MM_AUTH_PASSWORD");
        }
    }

    @Bean
    SecurityFilterChain filterChain(
            HttpSecurity http,
            ApiSettings settings,
            SignInThrottle throttle,
            CsrfTokenRepository csrfTokens,
            ApiTokens apiTokens,
            UserAccounts users,
            OidcSettings oidc)
            throws Exception {
        refuseDefaultPasswordInProduction(settings);
        http.headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter((request, response) -> response.setHeader(
                                "Content-Security-Policy",
                                "/redoc".equals(request.getServletPath())
                                        ? REDOC_CONTENT_SECURITY_POLICY
                                        : CONTENT_SECURITY_POLICY)))
                .addFilterBefore(new SameOriginFilter(settings.allowedOrigins()), BasicAuthenticationFilter.class);
        if (!settings.auth().enabled()) {
            http.csrf(AbstractHttpConfigurer::disable)
                    .authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        AuthenticationEntryPoint entryPoint = throttle.counting(new SignInEntryPoint());
        http.csrf(c -> c.csrfTokenRepository(csrfTokens)
                        // the token as issued by /api/auth/me and /api/auth/login (JSON answers, no BREACH exposure)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken))
                .addFilterBefore(throttle.filter(), BasicAuthenticationFilter.class)
                .addFilterBefore(ApiTokenAuthentication.filter(apiTokens, entryPoint), BasicAuthenticationFilter.class)
                .addFilterAfter(new SessionRefresh(users), BasicAuthenticationFilter.class)
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                .logout(l -> l.logoutUrl("/api/auth/logout")
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(refusal()))
                .authorizeHttpRequests(a -> a
                        // load balancers probe without credentials: the original tool leaves its quick check open too
                        .requestMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/api/health/quick",
                                LOGIN,
                                "/api/auth/options")
                        .permitAll()
                        // the UI's files and routes: the UI signs in by itself, on its sign-in page
                        .requestMatchers(r -> UiDeepLinkFilter.isUiResource(r.getMethod(), path(r)))
                        .permitAll()
                        // the metrics user reads metrics and nothing else
                        .requestMatchers("/actuator/prometheus")
                        .hasAnyRole(Role.ADMIN.name(), "METRICS")
                        .requestMatchers("/api/auth/**", "/api/users/me", "/api/users/me/**")
                        .hasRole(Role.VIEWER.name())
                        .requestMatchers(
                                "/api/users", "/api/users/**", "/api/backup", "/api/backup/**", "/api/migrate/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET)
                        .hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.HEAD)
                        .hasRole(Role.VIEWER.name())
                        .anyRequest()
                        .hasRole(Role.OPERATOR.name()));
        if (oidc.enabled()) {
            http.oauth2Login(OidcSignIn.configure(oidc, users));
        }
        return http.build();
    }

    /** A write authenticated by the session: one that brings no credentials of its own. */
    static boolean needsCsrfToken(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || LOGIN.equals(path(request))) {
            return false;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean ownCredentials = authorization != null
                && (authorization.regionMatches(true, 0, "Basic ", 0, 6)
                        || authorization.regionMatches(true, 0, "Bearer ", 0, 7));
        return !ownCredentials;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** 403 as problem+json, saying what was refused. */
    private static AccessDeniedHandler refusal() {
        return (request, response, e) -> ProblemResponses.write(
                response,
                HttpStatus.FORBIDDEN,
                e instanceof CsrfException
                        ? "missing or wrong CSRF token: send the X-CSRF-TOKEN header that GET /api/auth/me answers"
                        : "your role may not " + request.getMethod() + " " + path(request));
    }

    /** Roles include the ones below them. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name())
                .implies(Role.OPERATOR.name())
                .role(Role.OPERATOR.name())
                .implies(Role.VIEWER.name())
                .build();
    }

    @Bean
    SignInThrottle signInThrottle(ApiSettings settings) {
        return new SignInThrottle(settings.auth().maxFailures(), settings.auth().failureWindow());
    }

    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        return new HttpSessionCsrfTokenRepository();
    }

    /** After Spring Security, so a UI route needs the same credentials as the UI. */
    @Bean
    FilterRegistrationBean<UiDeepLinkFilter> uiDeepLinks() {
        FilterRegistrationBean<UiDeepLinkFilter> registration = new FilterRegistrationBean<>(new UiDeepLinkFilter());
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        registration.setEnabled(new ClassPathResource("static" + UiDeepLinkFilter.INDEX).exists());
        return registration;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new CachingPasswordEncoder(Duration.ofMinutes(5));
    }

    /**
     * The stored users (those who have a password), and the metrics user of {@code MM_METRICS_*} held in memory. The
     * answer is a fresh copy each time: Spring Security erases the password of what it authenticated.
     */
    @Bean
    UserDetailsService users(
            UserAccounts accounts, ApiSettings settings, MetricsCredential metrics, PasswordEncoder encoder) {
        String metricsUser = metrics.configured()
                        && !metrics.username().equals(settings.auth().username())
                ? metrics.username()
                : null;
        String metricsHash = metricsUser == null ? null : encoder.encode(metrics.password());
        return username -> {
            if (username.equals(metricsUser)) {
                return User.withUsername(metricsUser)
                        .password(metricsHash)
                        .roles("METRICS")
                        .build();
            }
            UserAccount account = accounts.find(username)
                    .filter(a -> a.passwordHash() != null)
                    .orElseThrow(() -> new UsernameNotFoundException("no such user"));
            UserDetails details = User.withUsername(account.username())
                    .password(account.passwordHash())
                    .authorities(account.roleOrViewer().authority())
                    .build();
            return details;
        };
    }
}
