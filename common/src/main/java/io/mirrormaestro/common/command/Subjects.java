package io.mirrormaestro.common.command;

import java.util.OptionalLong;

/**
 * What commands, events and the activity log act on, as the {@code subject_id} strings the REST API shows:
 * {@code mirror:<id>}, {@code instance:<id>}, {@code pair:<id>}. Written and read only here.
 */
public final class Subjects {

    private static final String MIRROR = "mirror:";
    private static final String INSTANCE = "instance:";
    private static final String PAIR = "pair:";

    private Subjects() {}

    public static String mirror(long id) {
        return MIRROR + id;
    }

    public static String instance(long id) {
        return INSTANCE + id;
    }

    public static String pair(long id) {
        return PAIR + id;
    }

    /** The mirror a subject names; empty for any other subject. */
    public static OptionalLong mirrorOf(String subjectId) {
        return idOf(MIRROR, subjectId);
    }

    /** The GitLab instance a subject names; empty for any other subject. */
    public static OptionalLong instanceOf(String subjectId) {
        return idOf(INSTANCE, subjectId);
    }

    private static OptionalLong idOf(String prefix, String subjectId) {
        if (subjectId == null || !subjectId.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(subjectId.substring(prefix.length())));
        } catch (NumberFormatException notAnId) {
            return OptionalLong.empty();
        }
    }
}
