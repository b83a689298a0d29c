package io.mirrormaestro.api.activity;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.common.store.MirrorRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.messaging.core.MessageSendingOperations;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Pushes what changed in the estate on {@link #TOPIC}, coalesced: the activity log reports the subjects of each group
 * of entries it records ({@code mirror:42}, {@code pair:3}, {@code instance:1}, {@code token:7},
 * {@code batch:<id>}), and at most once per {@code MM_LIVE_COALESCE} one {@link Frame} names them all, so a batch of
 * 10,000 outcomes reaches a browser as a few frames instead of 10,000. The first change after a quiet interval is
 * sent at once; nothing is sent while nothing changes. Views that show aggregates (dashboard, topology, lists)
 * refetch what a frame names, or everything when it is {@code truncated}.
 *
 * <p>Frames are sent by a thread of its own (Boot's shared scheduler runs the batch runner), which stops with the
 * application.
 */
@Component
public class EstateChanges implements DisposableBean {

    public static final String TOPIC = "/topic/estate";

    /** Most ids of one kind a frame lists; beyond, it is {@code truncated} and the view refetches wholesale. */
    static final int MAX_IDS = 500;

    /** Most changed mirrors whose pairs one frame looks up (one query); more changed mirrors truncate the frame. */
    static final int MAX_PAIR_LOOKUP = 5_000;

    private static final Logger log = LoggerFactory.getLogger(EstateChanges.class);

    /**
     * One push on {@link #TOPIC}. {@code sequence} increases with every frame of this api-service instance (it starts
     * from the start time in milliseconds, so a restarted instance continues above the frames it sent before);
     * {@code mirrors_changed} counts the distinct mirrors changed since the previous frame, which may be more than
     * {@code mirror_ids} lists; {@code truncated} says that some list is incomplete (over {@value #MAX_IDS} ids, or
     * the mirrors' pairs could not be looked up). {@code pair_ids} holds the pairs named by entries and the pairs of
     * the changed mirrors.
     */
    public record Frame(
            long sequence,
            Instant at,
            List<Long> mirrorIds,
            List<Long> pairIds,
            List<Long> instanceIds,
            List<Long> tokenIds,
            List<String> batchIds,
            int mirrorsChanged,
            boolean truncated) {}

    /** The subjects touched since the last frame. */
    private static final class Pending {
        final Set<Long> mirrors = new HashSet<>();
        final Set<Long> pairs = new HashSet<>();
        final Set<Long> instances = new HashSet<>();
        final Set<Long> tokens = new HashSet<>();
        final Set<String> batches = new HashSet<>();

        boolean isEmpty() {
            return mirrors.isEmpty() && pairs.isEmpty() && instances.isEmpty() && tokens.isEmpty() && batches.isEmpty();
        }

        /** @return whether the subject was one of the known kinds */
        boolean add(String subjectId) {
            if (subjectId == null) {
                return false;
            }
            int colon = subjectId.indexOf(':');
            if (colon <= 0 || colon == subjectId.length() - 1) {
                return false;
            }
            String id = subjectId.substring(colon + 1);
            return switch (subjectId.substring(0, colon)) {
                case "mirror" -> addNumber(mirrors, id);
                case "pair" -> addNumber(pairs, id);
                case "instance" -> addNumber(instances, id);
                case "token" -> addNumber(tokens, id);
                case "batch" -> {
                    batches.add(id);
                    yield true;
                }
                default -> false;
            };
        }

        private static boolean addNumber(Set<Long> ids, String id) {
            try {
                ids.add(Long.parseLong(id));
                return true;
            } catch (NumberFormatException notAnId) {
                return false;
            }
        }
    }

    private final MessageSendingOperations<String> browsers;
    private final Function<Collection<Long>, Collection<Long>> pairsOfMirrors;
    private final long intervalNanos;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor sender;
    private final AtomicLong sequence;

    private final Object lock = new Object();
    private Pending pending = new Pending();
    private boolean flushScheduled;
    private long lastFlushNanos;

    @Autowired
    EstateChanges(SimpMessagingTemplate browsers, MongoTemplate mongo, ApiSettings settings, Clock clock) {
        this(browsers, mirrorIds -> pairsOf(mongo, mirrorIds), settings.liveCoalesce(), clock);
    }

    EstateChanges(
            MessageSendingOperations<String> browsers,
            Function<Collection<Long>, Collection<Long>> pairsOfMirrors,
            Duration interval,
            Clock clock) {
        this.browsers = browsers;
        this.pairsOfMirrors = pairsOfMirrors;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.sequence = new AtomicLong(clock.millis());
        this.lastFlushNanos = System.nanoTime() - intervalNanos;
        this.sender = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "estate-changes");
            thread.setDaemon(true);
            return thread;
        });
        sender.setRemoveOnCancelPolicy(true);
        sender.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Notes the subjects of entries just recorded (one call per recorded group of entries: one lock, one merge). The
     * frame naming them is sent at once when the last was sent over an interval ago, else when the interval is over.
     */
    public void touched(Collection<String> subjectIds) {
        if (subjectIds.isEmpty()) {
            return;
        }
        synchronized (lock) {
            boolean any = false;
            for (String subjectId : subjectIds) {
                any |= pending.add(subjectId);
            }
            if (!any || flushScheduled) {
                return;
            }
            long delay = Math.max(0, lastFlushNanos + intervalNanos - System.nanoTime());
            try {
                sender.schedule(this::flush, delay, TimeUnit.NANOSECONDS);
                flushScheduled = true;
            } catch (RejectedExecutionException stopping) {
                // the application is stopping: its browsers are going away too
            }
        }
    }

    private void flush() {
        Pending changed;
        synchronized (lock) {
            changed = pending;
            pending = new Pending();
            flushScheduled = false;
            lastFlushNanos = System.nanoTime();
        }
        if (changed.isEmpty()) {
            return;
        }
        try {
            browsers.convertAndSend(TOPIC, frameOf(changed));
        } catch (RuntimeException e) {
            log.warn("could not push estate changes on {}: {}", TOPIC, e.toString());
        }
    }

    private Frame frameOf(Pending changed) {
        boolean truncated = false;
        Set<Long> pairs = new HashSet<>(changed.pairs);
        if (!changed.mirrors.isEmpty()) {
            List<Long> lookUp = sortedFirst(changed.mirrors, MAX_PAIR_LOOKUP);
            truncated = lookUp.size() < changed.mirrors.size();
            try {
                pairs.addAll(pairsOfMirrors.apply(lookUp));
            } catch (RuntimeException e) {
                log.warn("could not look up the pairs of {} changed mirrors: {}", lookUp.size(), e.toString());
                truncated = true;
            }
        }
        List<Long> mirrorIds = sortedFirst(changed.mirrors, MAX_IDS);
        List<Long> pairIds = sortedFirst(pairs, MAX_IDS);
        List<Long> instanceIds = sortedFirst(changed.instances, MAX_IDS);
        List<Long> tokenIds = sortedFirst(changed.tokens, MAX_IDS);
        List<String> batchIds = sortedFirst(changed.batches, MAX_IDS);
        truncated |= mirrorIds.size() < changed.mirrors.size()
                || pairIds.size() < pairs.size()
                || instanceIds.size() < changed.instances.size()
                || tokenIds.size() < changed.tokens.size()
                || batchIds.size() < changed.batches.size();
        return new Frame(
                sequence.incrementAndGet(),
                clock.instant(),
                mirrorIds,
                pairIds,
                instanceIds,
                tokenIds,
                batchIds,
                changed.mirrors.size(),
                truncated);
    }

    private static <T extends Comparable<T>> List<T> sortedFirst(Set<T> ids, int max) {
        List<T> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        return sorted.size() > max ? List.copyOf(sorted.subList(0, max)) : sorted;
    }

    /** The pairs of these mirrors, in one query; mirrors deleted meanwhile are not found and name no pair. */
    private static Collection<Long> pairsOf(MongoTemplate mongo, Collection<Long> mirrorIds) {
        return mongo.findDistinct(
                Query.query(where("_id").in(mirrorIds)), "instance_pair_id", MirrorRecord.class, Long.class);
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
