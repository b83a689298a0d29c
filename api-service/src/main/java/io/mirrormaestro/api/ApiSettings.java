package io.mirrormaestro.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of api-service; each has an environment variable (see README.md).
 *
 * @param dataDir where the generated encryption key lives when {@code encryptionKey} is unset
 * @param encryptionKey base64 key shared with worker-service; generated into {@code dataDir} when empty
 * @param production refuse to start with the default password
 * @param allowPrivateAddresses accept GitLab URLs on loopback or private networks (demo, tests, on-premise)
 * @param allowedOrigins other origins (e.g. a UI dev server) allowed to send state-changing requests
 * @param publishTimeout how long a request waits for Kafka before leaving the command to the outbox relay
 * @param outboxGrace how old an unpublished command must be before the relay publishes it
 * @param gitlabTimeout timeout of the reads api-service makes to GitLab (checks, project pickers)
 * @param liveCoalesce shortest time between two frames on {@code /topic/estate}: the changes of a burst are merged
 *     into at most one frame per this interval (positive)
 */
@Validated
@ConfigurationProperties("mm.api")
public record ApiSettings(
        @NotNull Path dataDir,
        String encryptionKey,
        boolean production,
        boolean allowPrivateAddresses,
        List<String> allowedOrigins,
        @Valid @NotNull Auth auth,
        @NotNull Duration publishTimeout,
        @NotNull Duration outboxGrace,
        @NotNull Duration gitlabTimeout,
        @NotNull Duration liveCoalesce) {

    public ApiSettings {
        if (liveCoalesce != null && (liveCoalesce.isNegative() || liveCoalesce.isZero())) {
            throw new IllegalArgumentException("MM_LIVE_COALESCE must be positive, got " + liveCoalesce);
        }
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : allowedOrigins.stream().filter(o -> !o.isBlank()).toList();
    }

    /** Never prints the encryption key or the password (settings end up in logs and failure messages). */
    @Override
    public String toString() {
        return "ApiSettings[dataDir=" + dataDir + ", encryptionKey=" + (isBlank(encryptionKey) ? "" : "****")
                + ", production=" + production + ", allowPrivateAddresses=" + allowPrivateAddresses
                + ", allowedOrigins=" + allowedOrigins + ", auth=" + auth + ", publishTimeout=" + publishTimeout
                + ", outboxGrace=" + outboxGrace + ", gitlabTimeout=" + gitlabTimeout + ", liveCoalesce="
                + liveCoalesce + "]";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * HTTP Basic authentication of REST, UI and WebSocket.
     *
     * @param maxFailures failed sign-ins a client (remote address) may make within {@code failureWindow}; after
     *     that its sign-ins answer 429 without a password check until the window has passed
     * @param failureWindow the window, counted from a client's first failure
     */
    public record Auth(
            boolean enabled,
            @NotBlank String username,
            @NotBlank String password,
            @Positive int maxFailures,
            @NotNull Duration failureWindow) {

        public Auth {
            if (failureWindow != null && (failureWindow.isNegative() || failureWindow.isZero())) {
                throw new IllegalArgumentException("MM_AUTH_FAILURE_WINDOW must be positive, got " + failureWindow);
            }
        }

        @Override
        public String toString() {
            return "Auth[enabled=" + enabled + ", username=" + username + ", password=****, maxFailures=" + maxFailures
                    + ", failureWindow=" + failureWindow + "]";
        }
    }
}
