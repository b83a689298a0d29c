package io.mirrormaestro.api.web;

import io.mirrormaestro.api.ApiSettings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Optional HTTP Basic authentication over REST, the UI and the WebSocket handshake alike. Cross-site request forgery
 * is refused by {@link SameOriginFilter} rather than CSRF tokens, so that scripts written against the original tool
 * (curl with Basic credentials) keep working unchanged.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsCredential.class)
class SecurityConfiguration {

    static final String DEFAULT_PASSWORD = "changeme";

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

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, ApiSettings settings) throws Exception {
        ApiSettings.Auth auth = settings.auth();
        if (auth.enabled() && settings.production() && DEFAULT_PASSWORD.equals(auth.password())) {
            throw new IllegalStateException(
                    "refusing to start in production with the default password: set MM_AUTH_PASSWORD");
        }
        http.headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter((request, response) -> response.setHeader(
                                "Content-Security-Policy",
                                "/redoc".equals(request.getServletPath())
                                        ? REDOC_CONTENT_SECURITY_POLICY
                                        : CONTENT_SECURITY_POLICY)))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new SameOriginFilter(settings.allowedOrigins()), BasicAuthenticationFilter.class);
        if (auth.enabled()) {
            SignInThrottle throttle = new SignInThrottle(auth.maxFailures(), auth.failureWindow());
            http.addFilterBefore(throttle.filter(), BasicAuthenticationFilter.class);
            // load balancers probe without credentials: the original tool leaves its quick health check open too
            http.authorizeHttpRequests(
                            a -> a.requestMatchers("/actuator/health", "/actuator/health/**", "/api/health/quick")
                                    .permitAll()
                                    // the metrics user reads metrics and nothing else
                                    .requestMatchers("/actuator/prometheus")
                                    .hasAnyRole("ADMIN", "METRICS")
                                    .anyRequest()
                                    .hasRole("ADMIN"))
                    .httpBasic(b -> b.authenticationEntryPoint(throttle.counting(new SignInEntryPoint())));
        } else {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
        }
        return http.build();
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
        return new ConfiguredPasswordEncoder();
    }

    @Bean
    UserDetailsService users(ApiSettings settings, MetricsCredential metrics, PasswordEncoder encoder) {
        ApiSettings.Auth auth = settings.auth();
        List<UserDetails> users = new ArrayList<>();
        users.add(User.withUsername(auth.username())
                .password(encoder.encode(auth.password()))
                .roles("ADMIN")
                .build());
        if (metrics.configured() && !metrics.username().equals(auth.username())) {
            users.add(User.withUsername(metrics.username())
                    .password(encoder.encode(metrics.password()))
                    .roles("METRICS")
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
