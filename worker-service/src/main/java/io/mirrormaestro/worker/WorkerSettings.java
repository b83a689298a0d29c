package io.mirrormaestro.worker;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of worker-service; each has an environment variable (see README.md), except {@code sweepEvery}, which is
 * set as a property only ({@code mm.worker.sweep-every}). The defaults are in {@code worker-service.yml}, written once
 * there.
 *
 * @param dataDir where the generated encryption key lives when {@code encryptionKey} is unset
 * @param encryptionKey base64 key shared with api-service; generated into {@code dataDir} when empty
 * @param encryptionKeyPrevious during a key rotation, the key being replaced: still read until api-service has
 *     re-encrypted every stored secret under {@code encryptionKey}; empty otherwise
 * @param lease how long a worker owns a running command before another may take it over
 * @param parallelism commands run at the same time by this worker (for different mirrors); GitLab calls are limited
 *     further per instance, see {@link GitLab}
 * @param syncFollowUp when to read GitLab's status of a mirror after asking it to sync
 * @param sweepEvery how often the recurring sweep hands commands whose lease or retry time long passed to retry jobs
 * @param shutdownTimeout on SIGTERM, how long the poll in hand and the commands running get to finish before those
 *     still running are handed back; follows {@code spring.lifecycle.timeout-per-shutdown-phase}
 * @param consumerGroup the Kafka group every worker shares on {@code mm.commands} (the listener reads it by key)
 * @param pollRecords most commands one poll of {@code mm.commands} takes (read by key)
 */
@Validated
@ConfigurationProperties("mm.worker")
public record WorkerSettings(
        @NotNull Path dataDir,
        String encryptionKey,
        String encryptionKeyPrevious,
        @NotNull Duration lease,
        @Min(1) int parallelism,
        @Valid @NotNull Retry retry,
        @Valid @NotNull GitLab gitlab,
        @Valid @NotNull SyncFollowUp syncFollowUp,
        @NotNull Duration sweepEvery,
        @NotNull Duration shutdownTimeout,
        @NotBlank String consumerGroup,
        @Min(1) int pollRecords) {

    /** Never prints the encryption keys (settings end up in logs and failure messages). */
    @Override
    public String toString() {
        return "WorkerSettings[dataDir=" + dataDir + ", encryptionKey=" + masked(encryptionKey)
                + ", encryptionKeyPrevious=" + masked(encryptionKeyPrevious) + ", lease=" + lease + ", parallelism="
                + parallelism + ", retry=" + retry + ", gitlab=" + gitlab + ", syncFollowUp=" + syncFollowUp
                + ", sweepEvery=" + sweepEvery + ", shutdownTimeout=" + shutdownTimeout + ", consumerGroup="
                + consumerGroup + ", pollRecords=" + pollRecords + "]";
    }

    private static String masked(String secret) {
        return secret == null || secret.isBlank() ? "" : "****";
    }

    /** Exponential backoff for retryable GitLab failures: initial, doubled per attempt, capped. */
    public record Retry(@NotNull Duration initialBackoff, @NotNull Duration maxBackoff, @Min(1) int maxAttempts) {}

    /**
     * How the worker talks to each GitLab instance. The limits apply per instance, so one slow or throttled instance
     * never holds up the others; a call that would wait longer than {@code readTimeout} for them fails and is retried.
     *
     * @param maxConcurrentRequests requests in flight to one instance at a time
     * @param requestsPerMinute requests started per minute to one instance, evenly spaced; 0 for no limit. Keep it
     *     below the instance's own throttle (GitLab.com: about 2,000 per minute per user).
     * @param allowPrivateAddresses whether GitLab may be called on loopback or a private network; when not, every
     *     connection is checked as it is opened, so a name that later resolves to such an address is refused
     */
    public record GitLab(
            @NotNull Duration connectTimeout,
            @NotNull Duration readTimeout,
            @Min(1) int maxConcurrentRequests,
            @Min(0) int requestsPerMinute,
            boolean allowPrivateAddresses) {}

    /**
     * Reads of GitLab's status after a sync was triggered, until GitLab reports an end (finished, failed): the first
     * {@code first} after the trigger, each later one twice as long after the one before, at most
     * {@code maxInterval}, none later than {@code max} after the trigger.
     *
     * @param first delay of the first read; zero switches follow-ups off
     */
    public record SyncFollowUp(@NotNull Duration first, @NotNull Duration max, @NotNull Duration maxInterval) {

        public boolean enabled() {
            return !first.isNegative() && !first.isZero();
        }

        /** The wait before read {@code read} (1 = the first), doubling from {@code first} up to {@code maxInterval}. */
        public Duration delayBefore(int read) {
            Duration grown = first.multipliedBy(1L << Math.min(Math.max(read - 1, 0), 30));
            return grown.compareTo(maxInterval) > 0 ? maxInterval : grown;
        }
    }
}
