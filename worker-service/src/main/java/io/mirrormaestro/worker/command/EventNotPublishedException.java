package io.mirrormaestro.worker.command;

/** Kafka did not take an outcome event in time: the outcome is not recorded, and the attempt runs again later. */
public final class EventNotPublishedException extends RuntimeException {

    EventNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}
