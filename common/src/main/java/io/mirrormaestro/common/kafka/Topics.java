package io.mirrormaestro.common.kafka;

/** Topic names shared by both services. */
public final class Topics {

    /** Commands from api-service to worker-service, keyed by {@code Command.partitionKey()}. */
    public static final String COMMANDS = "mm.commands";

    /** Outcome events from worker-service, keyed by subject id (events about one mirror stay in order). */
    public static final String EVENTS = "mm.events";

    private Topics() {}
}
