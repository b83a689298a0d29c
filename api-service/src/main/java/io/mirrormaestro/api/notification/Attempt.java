package io.mirrormaestro.api.notification;

/**
 * How sending one message ended: {@code responseCode} is the webhook's HTTP status or the SMTP reply code when known,
 * {@code error} one line without secrets (null when delivered).
 */
record Attempt(boolean delivered, Integer responseCode, int attempts, String error) {

    /** A failed try; {@code retryable} when another one may succeed (connection trouble, 5xx, 429). */
    static final class Failure extends Exception {

        final Integer responseCode;
        final boolean retryable;

        Failure(String message, Integer responseCode, boolean retryable) {
            super(message, null, false, false);
            this.responseCode = responseCode;
            this.retryable = retryable;
        }
    }
}
