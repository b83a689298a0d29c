package io.mirrormaestro.worker.command;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Configuration read once for all commands of one Kafka poll (pairs, instances, group defaults and tokens rarely
 * change, but every command needs them). It cannot serve a stale value to a command that depends on a change: the
 * cache of a poll is filled only after the poll returned, every command in it was issued before that, and
 * api-service writes a configuration change before it issues the commands that follow from it. Outside a poll (a
 * retry run by JobRunr) every read goes to the store.
 */
public final class PollCache {

    private static final ThreadLocal<Map<Object, Optional<?>>> CURRENT = new ThreadLocal<>();

    private PollCache() {}

    static Map<Object, Optional<?>> newPoll() {
        return new ConcurrentHashMap<>();
    }

    static void within(Map<Object, Optional<?>> poll, Runnable work) {
        CURRENT.set(poll);
        try {
            work.run();
        } finally {
            CURRENT.remove();
        }
    }

    /** The value under {@code key}: read once per poll, or read now outside one; null when there is none. */
    @SuppressWarnings("unchecked")
    public static <T> T get(Object key, Supplier<T> read) {
        Map<Object, Optional<?>> poll = CURRENT.get();
        if (poll == null) {
            return read.get();
        }
        Optional<?> known = poll.get(key);
        if (known == null) {
            known = Optional.ofNullable(read.get());
            Optional<?> raced = poll.putIfAbsent(key, known);
            known = raced != null ? raced : known;
        }
        return (T) known.orElse(null);
    }
}
