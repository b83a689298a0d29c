package io.mirrormaestro.api.web;

import io.mirrormaestro.api.ApiSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Optional HTTP Basic authentication over REST, the UI and the WebSocket handshake alike. Cross-site request forgery
 * is refused by {@link SameOriginFilter} rather than CSRF tokens, so that scripts written against the original tool
 * (curl with Basic credentials) keep working unchanged.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String DEFAULT_PASSWORD = "changeme";

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, ApiSettings settings) throws Exception {
        ApiSettings.Auth auth = settings.auth();
        if (auth.enabled() && settings.production() && DEFAULT_PASSWORD.equals(auth.password())) {
            throw new IllegalStateException(
                    "refusing to start in production with the default password: set MM_AUTH_PASSWORD");
        }
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new SameOriginFilter(settings.allowedOrigins()), BasicAuthenticationFilter.class);
        if (auth.enabled()) {
            http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                            .permitAll()
                            .anyRequest()
                            .authenticated())
                    .httpBasic(Customizer.withDefaults());
        } else {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
        }
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new ConfiguredPasswordEncoder();
    }

    @Bean
    UserDetailsService users(ApiSettings settings, PasswordEncoder encoder) {
        ApiSettings.Auth auth = settings.auth();
        return new InMemoryUserDetailsManager(User.withUsername(auth.username())
                .password(encoder.encode(auth.password()))
                .roles("ADMIN")
                .build());
    }
}
