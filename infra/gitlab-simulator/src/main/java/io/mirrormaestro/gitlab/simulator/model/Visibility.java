package io.mirrormaestro.gitlab.simulator.model;

import java.util.Locale;

public enum Visibility {
    PRIVATE,
    INTERNAL,
    PUBLIC;

    public String api() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Visibility parse(String value) {
        if (value == null) {
            return PRIVATE;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "public" -> PUBLIC;
            case "internal" -> INTERNAL;
            case "private" -> PRIVATE;
            default -> throw new IllegalArgumentException("unknown visibility " + value);
        };
    }
}
