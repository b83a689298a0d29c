package io.mirrormaestro.api.notification;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Notification delivery ({@code MM_NOTIFY_*}).
 *
 * @param minInterval at most one message per rule and channel this often; what happens meanwhile waits and goes out
 *     together
 * @param gather how long the first item of a quiet rule waits for others before its message goes out, so a burst is
 *     one message
 * @param attempts tries per message, the first included, before the delivery is logged as failed
 * @param backoff the wait before the second try, doubled before each further one
 * @param timeout connect and read timeout of a webhook or SMTP server
 * @param poll how often pending items are looked at
 */
@Validated
@ConfigurationProperties("mm.api.notify")
record NotifySettings(
        @NotNull Duration minInterval,
        @NotNull Duration gather,
        @Min(1) int attempts,
        @NotNull Duration backoff,
        @NotNull Duration timeout,
        @NotNull Duration poll) {}
