package io.mirrormaestro.api.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One message to a channel: a rule's digest of everything pending, or a test. The webhook gets {@link #body()} as
 * JSON, email the subject and {@link #text()}. At most {@link #LISTED} items are listed; {@code count} is all of them.
 */
record Message(
        String deliveryId,
        boolean test,
        Long ruleId,
        String ruleName,
        long channelId,
        String channelName,
        Instant sentAt,
        long count,
        Map<String, Long> counts,
        List<PendingItem> items) {

    static final int LISTED = 1000;

    String subject() {
        if (test) {
            return "[Mirror Maestro] Test message for channel " + channelName;
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(counts).forEach((kind, n) -> parts.add(n + " " + Trigger.label(kind)));
        return "[Mirror Maestro] " + ruleName + ": " + String.join(", ", parts);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        if (test) {
            out.append("This is a test message from Mirror Maestro for the channel '")
                    .append(channelName)
                    .append("'. If you can read it, the channel works.\n");
            return out.toString();
        }
        out.append("Rule '").append(ruleName).append("': ").append(count).append(count == 1 ? " event" : " events");
        out.append(" since the last message.\n\n");
        for (PendingItem item : items) {
            out.append("- ")
                    .append(item.occurredAt())
                    .append(" [")
                    .append(Trigger.label(item.kind()))
                    .append("] ")
                    .append(item.text())
                    .append('\n');
        }
        if (count > items.size()) {
            out.append("… and ").append(count - items.size()).append(" more.\n");
        }
        return out.toString();
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delivery_id", deliveryId);
        body.put("test", test);
        body.put("sent_at", sentAt.toString());
        body.put("channel", Map.of("id", channelId, "name", channelName));
        if (ruleId != null) {
            body.put("rule", Map.of("id", ruleId, "name", ruleName));
        }
        body.put("subject", subject());
        body.put("count", count);
        body.put("counts", new TreeMap<>(counts));
        body.put("truncated", count > items.size());
        List<Map<String, Object>> events = new ArrayList<>();
        for (PendingItem item : items) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", item.kind());
            e.put("subject", item.subject());
            e.put("text", item.text());
            e.put(
                    "occurred_at",
                    item.occurredAt() == null ? null : item.occurredAt().toString());
            events.add(e);
        }
        body.put("events", events);
        return body;
    }
}
