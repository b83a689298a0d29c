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
 * Settings of api-service; each has an environment variable (see README.md), except {@code batchSettleEvery} and
 * {@code journalLag}, which are set as properties only ({@code mm.api.batch-settle-every}, {@code mm.api.journal-lag}).
 * The defaults are in {@code api-service.yml}, written once there.
 *
 * @param dataDir where the generated encryption key lives when {@code encryptionKey} is unset
 * @param encryptionKey base64 key shared with worker-service; generated into {@code dataDir} when empty
 * @param encryptionKeyPrevious during a key rotation, the key being replaced: still read until every stored secret is
 *     re-encrypted under {@code encryptionKey}; empty otherwise
 * @param production refuse to start with the default password
 * @param allowPrivateAddresses accept GitLab URLs on loopback or private networks (demo, tests, on-premise)
 * @param allowedOrigins other origins (e.g. a UI dev server) allowed to send state-changing requests
 * @param publishTimeout how long a request waits for Kafka before leaving the command to the outbox relay
 * @param outboxGrace how old an unpublished command must be before the relay publishes it
 * @param gitlabTimeout timeout of the reads api-service makes to GitLab (checks, project pickers)
 * @param liveCoalesce shortest time between two frames on {@code /topic/estate}: the changes of a burst are merged
 *     into at most one frame per this interval (positive)
 * @param storeTimeout how long a request waits for MongoDB to be reachable (the driver's server selection and connect
 *     timeouts)
 * @param importMaxBytes largest import file, and largest archive of a move from the original tool; larger is 413
 * @param importMaxLines most mirrors in one import file; more is 413
 * @param backupMaxBytes largest backup archive a restore accepts; larger is 413
 * @param batchChunk lines of a batch handed to workers at once
 * @param batchWindow most lines of one batch handed to workers and not yet finished
 * @param batchSettleEvery how often the lines in flight of a running batch are compared with their commands, so
 *     outcomes whose events were lost still end their lines
 * @param scheduleSpread a scheduled sync batch hands its lines out evenly over this time; zero for at once
 * @param jobrunrDatabase the workers' JobRunr database, read (never written) for {@code /api/jobs/recurring}
 * @param batchPoll how often the batch runner looks for lines to hand out ({@code @Scheduled} reads it by key)
 * @param outboxInterval how often the outbox relay publishes commands a request left to it (read by key)
 * @param scheduleTick how often due sync schedules are looked for (read by key)
 * @param keyRotationFirstPass when the background re-encryption first looks, after start-up (read by key)
 * @param keyRotationInterval how often it looks again while {@code MM_ENCRYPTION_KEY_PREVIOUS} is set (read by key)
 * @param eventConsumerGroup the live event listener's Kafka group: one per api-service instance (read by key)
 * @param journalConsumerGroup the event journal's Kafka group, shared by every instance (read by key)
 * @param journalOffsetReset where a new journal group starts: {@code earliest}, or {@code latest} (read by key)
 * @param journalLag how far the event journal stays behind the newest event, so the live listener usually stored it
 *     first
 */
@Validated
@ConfigurationProperties("mm.api")
public record ApiSettings(
        @NotNull Path dataDir,
        String encryptionKey,
        String encryptionKeyPrevious,
        boolean production,
        boolean allowPrivateAddresses,
        List<String> allowedOrigins,
        @Valid @NotNull Auth auth,
        @NotNull Duration publishTimeout,
        @NotNull Duration outboxGrace,
        @NotNull Duration gitlabTimeout,
        @NotNull Duration liveCoalesce,
        @NotNull Duration storeTimeout,
        @Positive long importMaxBytes,
        @Positive int importMaxLines,
        @Positive long backupMaxBytes,
        @Positive int batchChunk,
        @Positive int batchWindow,
        @NotNull Duration batchSettleEvery,
        @NotNull Duration scheduleSpread,
        @NotBlank String jobrunrDatabase,
        @NotNull Duration batchPoll,
        @NotNull Duration outboxInterval,
        @NotNull Duration scheduleTick,
        @NotNull Duration keyRotationFirstPass,
        @NotNull Duration keyRotationInterval,
        @NotBlank String eventConsumerGroup,
        @NotBlank String journalConsumerGroup,
        @NotBlank String journalOffsetReset,
        @NotNull Duration journalLag) {

    public ApiSettings {
        if (liveCoalesce != null && (liveCoalesce.isNegative() || liveCoalesce.isZero())) {
            throw new IllegalArgumentException("MM_LIVE_COALESCE must be positive, got " + liveCoalesce);
        }
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : allowedOrigins.stream().filter(o -> !o.isBlank()).toList();
    }

    /** Never prints the encryption keys or the password (settings end up in logs and failure messages). */
    @Override
    public String toString() {
        return "ApiSettings[dataDir=" + dataDir + ", encryptionKey=" + masked(encryptionKey)
                + ", encryptionKeyPrevious=" + masked(encryptionKeyPrevious) + ", production=" + production
                + ", allowPrivateAddresses=" + allowPrivateAddresses + ", allowedOrigins=" + allowedOrigins + ", auth="
                + auth + ", publishTimeout=" + publishTimeout + ", outboxGrace=" + outboxGrace + ", gitlabTimeout="
                + gitlabTimeout + ", liveCoalesce=" + liveCoalesce + ", storeTimeout=" + storeTimeout
                + ", importMaxBytes=" + importMaxBytes + ", importMaxLines=" + importMaxLines + ", backupMaxBytes="
                + backupMaxBytes + ", batchChunk=" + batchChunk + ", batchWindow=" + batchWindow
                + ", batchSettleEvery=" + batchSettleEvery + ", scheduleSpread=" + scheduleSpread
                + ", jobrunrDatabase=" + jobrunrDatabase + ", batchPoll=" + batchPoll + ", outboxInterval="
                + outboxInterval + ", scheduleTick=" + scheduleTick + ", keyRotationFirstPass=" + keyRotationFirstPass
                + ", keyRotationInterval=" + keyRotationInterval + ", eventConsumerGroup=" + eventConsumerGroup
                + ", journalConsumerGroup=" + journalConsumerGroup + ", journalOffsetReset=" + journalOffsetReset
                + ", journalLag=" + journalLag + "]";
    }

    private static String masked(String secret) {
        return isBlank(secret) ? "" : "****";
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
