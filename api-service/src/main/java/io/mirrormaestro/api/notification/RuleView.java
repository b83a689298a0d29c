package io.mirrormaestro.api.notification;

import java.time.Instant;
import java.util.List;

/** A rule as answered, with when its last message went and the earliest the next may. */
record RuleView(
        long id,
        String name,
        long channelId,
        boolean enabled,
        List<String> events,
        int failureThreshold,
        List<Long> pairIds,
        List<String> groupPaths,
        Instant lastSentAt,
        Instant nextSendAt,
        Instant createdAt,
        Instant updatedAt) {

    static RuleView of(RuleRecord r) {
        return new RuleView(
                r.id(),
                r.name(),
                r.channelId(),
                r.enabled(),
                r.events(),
                r.failureThreshold(),
                r.pairIds(),
                r.groupPaths(),
                r.lastSentAt(),
                r.nextSendAt(),
                r.createdAt(),
                r.updatedAt());
    }
}
