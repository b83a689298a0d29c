package io.mirrormaestro.api.pair;

import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.command.MirrorDirection;
import java.util.Optional;

/**
 * The {@code mirror_direction} a request sends, read one way everywhere (pairs, group defaults, mirrors, topology
 * filters): {@link MirrorDirection#fromInput}, refused as a 422 naming the field.
 */
public final class DirectionInput {

    public static final String FIELD = "mirror_direction";

    private DirectionInput() {}

    /** Null or blank is no direction. */
    public static Optional<MirrorDirection> optional(String value) {
        try {
            return MirrorDirection.fromInput(value);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableException(FIELD, e.getMessage());
        }
    }

    /** The wire name of the direction sent, or null when none was. */
    public static String optionalName(String value) {
        return optional(value).map(MirrorDirection::wireName).orElse(null);
    }

    /** A direction that must be there. */
    public static String required(String value) {
        return optional(value)
                .orElseThrow(() -> new UnprocessableException(FIELD, MirrorDirection.RULE))
                .wireName();
    }
}
