package io.mirrormaestro.api;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of api-service; each has an environment variable (see README.md).
 *
 * @param dataDir where the generated encryption key lives when {@code encryptionKey} is unset
 * @param encryptionKey base64 key shared with worker-service; generated into {@code dataDir} when empty
 * @param allowPrivateAddresses accept GitLab URLs on loopback or private networks (demo, tests, on-premise)
 * @param publishTimeout how long a request waits for Kafka before leaving the command to the outbox relay
 * @param outboxGrace how old an unpublished command must be before the relay publishes it
 */
@Validated
@ConfigurationProperties("mm.api")
public record ApiSettings(
        @NotNull Path dataDir,
        String encryptionKey,
        boolean allowPrivateAddresses,
        @NotNull Duration publishTimeout,
        @NotNull Duration outboxGrace) {}
