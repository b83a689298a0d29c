package io.mirrormaestro.api.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
@ConfigurationProperties("mm.api.notify")
record NotifySettings(
        Duration minInterval, Duration gather, int attempts, Duration backoff, Duration timeout, Duration poll) {

    NotifySettings {
        minInterval = minInterval == null ? Duration.ofMinutes(10) : minInterval;
        gather = gather == null ? Duration.ofSeconds(5) : gather;
        attempts = attempts < 1 ? 4 : attempts;
        backoff = backoff == null ? Duration.ofSeconds(2) : backoff;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        poll = poll == null ? Duration.ofSeconds(1) : poll;
    }
}
