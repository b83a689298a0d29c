package io.mirrormaestro.worker.gitlab;

import java.util.function.BooleanSupplier;

/**
 * Lets whoever runs a piece of work on a thread stop it before its next GitLab request. A worker shutting down cuts
 * off the commands it could not finish in time, so that each ends at a known point (between two requests, never with
 * one half sent) and can be handed to another worker at once. A request already under way is not interrupted: it
 * ends within the read timeout. Interrupting the thread instead would also break the MongoDB calls around it (the
 * mirror lock's release in a {@code finally}).
 */
public final class CutOff {

    private static final ThreadLocal<BooleanSupplier> ASKED = new ThreadLocal<>();

    private CutOff() {}

    /** From now on, this thread's GitLab requests check {@code asked} first. */
    public static void watch(BooleanSupplier asked) {
        ASKED.set(asked);
    }

    public static void clear() {
        ASKED.remove();
    }

    static void check() {
        BooleanSupplier asked = ASKED.get();
        if (asked != null && asked.getAsBoolean()) {
            throw new CutOffException();
        }
    }

    /** The work was cut off before a GitLab request; whoever asked for it knows what to do next. */
    public static final class CutOffException extends RuntimeException {

        CutOffException() {
            super("cut off before the next GitLab request (the worker is shutting down)", null, false, false);
        }
    }
}
