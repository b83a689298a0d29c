package io.mirrormaestro.common.gitlab;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * A mirror's {@code update_status}. GitLab may add states, so anything unknown reads as {@link #UNKNOWN} instead of
 * failing the whole answer.
 */
public enum MirrorUpdateStatus {
    NONE,
    SCHEDULED,
    STARTED,
    FINISHED,
    FAILED,
    TO_RETRY,
    /** pull mirrors only */
    CANCELED,
    UNKNOWN;

    /** GitLab's own spelling ({@code to_retry}), as the mirror records keep it; {@code unknown} for {@link #UNKNOWN}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static MirrorUpdateStatus of(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
