package io.mirrormaestro.api.notification;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a message to its channel with retries and exponential backoff (Spring Framework's {@link RetryTemplate}):
 * {@code MM_NOTIFY_ATTEMPTS} tries, waiting {@code MM_NOTIFY_BACKOFF} and then twice as long each time. Only
 * failures another try may cure are retried.
 */
@Component
class Delivery {

    private final WebhookSender webhook;
    private final EmailSender email;
    private final RetryTemplate retry;

    Delivery(WebhookSender webhook, EmailSender email, NotifySettings settings) {
        this.webhook = webhook;
        this.email = email;
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(settings.attempts() - 1L)
                .delay(settings.backoff())
                .multiplier(2)
                .maxDelay(settings.backoff().multipliedBy(64))
                .predicate(t -> t instanceof Attempt.Failure f && f.retryable)
                .build());
    }

    Attempt send(ChannelRecord channel, Message message) {
        AtomicInteger tries = new AtomicInteger();
        try {
            Integer code = retry.execute(() -> {
                tries.incrementAndGet();
                return channel.type().equals("webhook") ? webhook.send(channel, message) : email.send(channel, message);
            });
            return new Attempt(true, code, tries.get(), null);
        } catch (RetryException e) {
            Throwable last = e.getLastException();
            Integer code = last instanceof Attempt.Failure f ? f.responseCode : null;
            return new Attempt(false, code, tries.get(), last == null ? e.getMessage() : last.getMessage());
        }
    }
}
