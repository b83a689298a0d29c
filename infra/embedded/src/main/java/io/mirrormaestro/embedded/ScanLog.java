package io.mirrormaestro.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's answer to MongoDB's slow-query log: with {@code MM_EMBEDDED_LOG_SCANS=N}, a query that reads
 * more than N documents (no index answered it, or the indexes left that many candidates) is logged by its shape:
 * the collection, the filter's fields and operators with each value replaced by its type, and the sort. Each shape is
 * logged at most once a minute, with how often it ran since. Values are never logged (they may be anything a caller
 * stored).
 */
final class ScanLog {

    private static final Logger log = LoggerFactory.getLogger(ScanLog.class);

    static final int THRESHOLD = threshold(System.getenv("MM_EMBEDDED_LOG_SCANS"));

    private static final long EVERY_NANOS = 60_000_000_000L;

    private static final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** Documents read by queries that no index answered (full scans), since the store started. */
    static final AtomicLong SCANNED = new AtomicLong();

    /** Documents read by planned queries (their candidates) and full scans alike, since the store started. */
    static final AtomicLong READ = new AtomicLong();

    private record Seen(AtomicLong runs, AtomicLong documents, AtomicLong loggedAt) {}

    private ScanLog() {}

    /** A query no index answered read every document of the collection. */
    static void fullScan(IndexedCollection collection, Document query, Document orderBy, int documents) {
        SCANNED.addAndGet(documents);
        scanned(collection, query, orderBy, documents);
    }

    /** A query read {@code documents} documents (all of them, or the candidates its plan left). */
    static void scanned(IndexedCollection collection, Document query, Document orderBy, int documents) {
        READ.addAndGet(documents);
        if (THRESHOLD < 0 || documents <= THRESHOLD) {
            return;
        }
        String shape = collection.getFullName() + " " + shape(query) + (orderBy == null ? "" : " sort " + orderBy);
        Seen entry = seen.computeIfAbsent(
                shape,
                k -> new Seen(new AtomicLong(), new AtomicLong(), new AtomicLong(System.nanoTime() - EVERY_NANOS)));
        long runs = entry.runs().incrementAndGet();
        long read = entry.documents().addAndGet(documents);
        long now = System.nanoTime();
        long last = entry.loggedAt().get();
        if (now - last >= EVERY_NANOS && entry.loggedAt().compareAndSet(last, now)) {
            entry.runs().addAndGet(-runs);
            entry.documents().addAndGet(-read);
            log.warn(
                    "read {} documents for {} ({} such queries, {} documents, since the last report)",
                    documents,
                    shape,
                    runs,
                    read);
        }
    }

    /** The filter with every value replaced by its type: {@code {status: String, lease: {$lt: Date}}}. */
    static String shape(Object value) {
        if (value instanceof Document document) {
            StringBuilder out = new StringBuilder("{");
            document.forEach((key, inner) -> {
                if (out.length() > 1) {
                    out.append(", ");
                }
                out.append(key).append(": ").append(shape(inner));
            });
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[]" : "[" + shape(list.get(0)) + (list.size() > 1 ? ", …" : "") + "]";
        }
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private static int threshold(String setting) {
        if (setting == null || setting.isBlank()) {
            return -1;
        }
        try {
            return Integer.parseInt(setting.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
