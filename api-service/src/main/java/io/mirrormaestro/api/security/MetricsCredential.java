package io.mirrormaestro.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The read-only metrics user ({@code MM_METRICS_USERNAME}, {@code MM_METRICS_PASSWORD}): it may scrape
 * {@code /actuator/prometheus} and read probe details, nothing else. No such user while the password is empty.
 */
@ConfigurationProperties("mm.api.metrics")
record MetricsCredential(String username, String password) {

    boolean configured() {
        return username != null && !username.isBlank() && password != null && !password.isBlank();
    }

    @Override
    public String toString() {
        return "MetricsCredential[username=" + username + ", password=****]";
    }
}
