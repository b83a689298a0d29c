package io.mirrormaestro.api.notification;

import java.time.Instant;
import java.util.List;

/**
 * Something a rule may report, before rules are matched. {@code key} makes it unique (an event id, a token and its
 * warning level); {@code pairIds} and {@code paths} are what a scoped rule matches (the pairs, project or group paths
 * it concerns); {@code streak} is a mirror's run of consecutive failures (for {@code mirror_failed}: including this
 * one; for {@code mirror_recovered}: the run that just ended).
 */
record Happening(
        Trigger kind,
        String key,
        String subject,
        String text,
        Instant occurredAt,
        List<Long> pairIds,
        List<String> paths,
        int streak) {

    boolean matches(RuleRecord rule) {
        if (!rule.events().contains(kind.wire())) {
            return false;
        }
        if (kind == Trigger.MIRROR_FAILED && streak != rule.failureThreshold()) {
            return false; // told once, when the run reaches the rule's threshold
        }
        if (kind == Trigger.MIRROR_RECOVERED
                && rule.events().contains(Trigger.MIRROR_FAILED.wire())
                && streak < rule.failureThreshold()) {
            return false; // its failure was never reported by this rule
        }
        if (!rule.scoped()) {
            return true;
        }
        if (pairIds.stream().anyMatch(rule.pairIds()::contains)) {
            return true;
        }
        return rule.groupPaths().stream()
                .anyMatch(group -> paths.stream().anyMatch(p -> p.equals(group) || p.startsWith(group + "/")));
    }
}
