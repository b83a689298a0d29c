package io.mirrormaestro.api.notification;

import java.util.Arrays;
import java.util.List;

/** What a rule can be told about, as its wire name. */
enum Trigger {
    MIRROR_FAILED,
    MIRROR_RECOVERED,
    MIRROR_STUCK,
    MIRROR_PAUSED,
    TOKEN_EXPIRING,
    TOKEN_EXPIRED,
    BATCH_FAILED,
    INSTANCE_UNREACHABLE;

    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static final List<String> WIRE = Arrays.stream(values()).map(Trigger::wire).toList();

    /** How a message names a kind: "mirror failed". */
    static String label(String wire) {
        return wire.replace('_', ' ');
    }
}
