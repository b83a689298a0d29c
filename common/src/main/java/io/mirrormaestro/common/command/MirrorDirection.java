package io.mirrormaestro.common.command;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Which way a mirror copies: {@code push} (a remote mirror on the source project pushes to the target) or
 * {@code pull} (the target project pulls from the source). On the wire and in MongoDB the lower-case name, as the
 * REST API's {@code mirror_direction}.
 */
public enum MirrorDirection {
    PUSH,
    PULL;

    /** {@code push} or {@code pull}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction named exactly {@code push} or {@code pull}; empty for anything else, null included. */
    public static Optional<MirrorDirection> of(String value) {
        if ("push".equals(value)) {
            return Optional.of(PUSH);
        }
        return "pull".equals(value) ? Optional.of(PULL) : Optional.empty();
    }

    /** The one rule for a direction people send; the words of its refusal. */
    public static final String RULE = "must be 'push' or 'pull'";

    /**
     * A direction as people send it (a request, an import file): {@code push} or {@code pull} in any case, spaces
     * around ignored; null or blank is no direction.
     *
     * @throws IllegalArgumentException with {@link #RULE} for anything else
     */
    public static Optional<MirrorDirection> fromInput(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(
                of(value.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new IllegalArgumentException(RULE)));
    }

    /** For JSON: {@code push} or {@code pull}; anything else is refused. */
    @JsonCreator
    public static MirrorDirection parse(String value) {
        return of(value)
                .orElseThrow(() ->
                        new IllegalArgumentException("mirror_direction must be 'push' or 'pull', got '" + value + "'"));
    }

    public boolean isPush() {
        return this == PUSH;
    }
}
