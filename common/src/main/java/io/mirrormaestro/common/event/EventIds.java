package io.mirrormaestro.common.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: the same step of the same command always yields the same id. Used by worker-service's
 * command executor and handlers ({@code eventType} is the event's type name, e.g. {@code MirrorChanged}); the
 * status refresh and sync follow-ups derive theirs from what they report instead.
 */
public final class EventIds {

    private EventIds() {}

    public static UUID of(UUID commandId, int attempt, String eventType) {
        String name = commandId + "/" + attempt + "/" + eventType;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
