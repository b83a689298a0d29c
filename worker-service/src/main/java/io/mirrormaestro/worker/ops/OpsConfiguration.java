package io.mirrormaestro.worker.ops;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** The worker serves nothing but {@code /actuator}: probes open, everything else behind HTTP Basic. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpsSettings.class)
class OpsConfiguration {

    @Bean
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .httpBasic(b -> {})
                .build();
    }

    @Bean
    PasswordEncoder actuatorPasswords() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService actuatorUsers(OpsSettings settings, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        if (hasText(settings.adminUsername()) && hasText(settings.adminPassword())) {
            users.add(User.withUsername(settings.adminUsername())
                    .password(encoder.encode(settings.adminPassword()))
                    .roles("ADMIN")
                    .build());
        }
        if (hasText(settings.metricsUsername())
                && hasText(settings.metricsPassword())
                && !settings.metricsUsername().equals(settings.adminUsername())) {
            users.add(User.withUsername(settings.metricsUsername())
                    .password(encoder.encode(settings.metricsPassword()))
                    .roles("METRICS")
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
