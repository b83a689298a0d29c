package io.mirrormaestro.gitlab.simulator.http;

import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Bounded in-memory log of API requests with secrets masked at write time. */
public final class RequestLog {
    /** Keeps long benchmark runs from eating the heap. */
    public static final int CAPACITY = 200_000;

    public static final String FILTERED = "[FILTERED]";
    private static final Pattern SECRET_KEY =
            Pattern.compile(".*(token|password|secret|passwd|private_key|credentials).*", Pattern.CASE_INSENSITIVE);

    /** Extra facts the public record has no slot for. */
    public record Entry(RequestLogEntry entry, Long tokenId, String apiPath, long micros) {}

    private final ConcurrentLinkedDeque<Entry> entries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    public void add(Entry entry) {
        entries.addLast(entry);
        if (size.incrementAndGet() > CAPACITY && entries.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public List<RequestLogEntry> publicEntries() {
        List<RequestLogEntry> out = new ArrayList<>(size.get());
        for (Entry e : entries) {
            out.add(e.entry());
        }
        return Collections.unmodifiableList(out);
    }

    public void clear() {
        entries.clear();
        size.set(0);
    }

    public static Map<String, String> maskQuery(Map<String, List<String>> query) {
        Map<String, String> out = new LinkedHashMap<>();
        query.forEach((k, v) -> out.put(k, isSecret(k) ? FILTERED : MirrorUrl.sanitizeText(String.join(",", v))));
        return Collections.unmodifiableMap(out);
    }

    public static Map<String, Object> maskBody(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        body.forEach((k, v) -> out.put(k, isSecret(k) ? FILTERED : maskValue(v)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object maskValue(Object v) {
        if (v instanceof String s) {
            return MirrorUrl.sanitizeText(s);
        }
        if (v instanceof Map<?, ?> map) {
            return maskBody((Map<String, Object>) map);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(maskValue(item)));
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    /** Parameter names like "scopes" or "token_id" are not secrets even though they mention tokens. */
    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.equals("scopes") || k.equals("scopes[]") || k.equals("token_id") || k.endsWith("_token_id")) {
            return false;
        }
        return SECRET_KEY.matcher(k).matches();
    }
}
