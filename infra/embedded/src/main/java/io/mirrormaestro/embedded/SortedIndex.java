package io.mirrormaestro.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-unique (secondary, possibly compound) index kept in memory: a sorted map from the indexed key tuple (in
 * MongoDB's BSON order, each key in its declared direction) to the positions ({@code _id}s) of the documents that
 * have it, each set in {@code _id} order. It is rebuilt from the documents when the collection opens, and
 * mongo-java-server keeps it current on every write (insert, update, upsert, delete) through the {@link Index}
 * callbacks.
 *
 * <p>It only ever narrows the candidates of a query: {@link IndexedCollection} matches the whole query against every
 * candidate (unless the planner proved the candidates exact). Documents whose indexed fields hold an array or an
 * embedded document are "irregular": they are indexed per element (as MongoDB's multikey indexes are) but also always
 * returned as candidates, because the wire server's matcher has its own rules for them. A document that cannot be
 * indexed at all (parallel arrays, a value the comparator cannot order) marks the index broken: it is then never used
 * for queries until the next open.
 */
final class SortedIndex extends Index<Object> {

    private static final Logger log = LoggerFactory.getLogger(SortedIndex.class);

    /** Probe components: below or above every value in tuple order, whatever the key's direction. */
    enum Sentinel {
        LOW,
        HIGH,
        /** Above every string and below every value of a later BSON type (in ascending value order). */
        STRINGS_END
    }

    private final String idField;
    private final boolean[] ascending;
    private final NavigableMap<KeyValue, NavigableSet<Object>> entries;
    private final Map<Object, Set<KeyValue>> keysOf = new HashMap<>();
    private final Set<Object> irregular = new HashSet<>();
    /** Positions whose document holds an explicit null in an indexed field: bit i for the i-th key. */
    private final Map<Object, Integer> explicitNulls = new HashMap<>();

    private Comparator<Object> positionOrder = ValueComparator.asc();
    /** The class of every position so far, or {@code Object.class} once two classes were seen (never narrowed). */
    private Class<?> positionClass;

    /** Changes with every write, so that {@link #stringKeys()} knows when its copy is out of date. */
    private long version;

    private StringKeys stringKeys;
    private boolean broken;

    SortedIndex(String name, List<IndexKey> keys, boolean sparse, String idField) {
        super(name, keys, sparse);
        this.idField = idField;
        this.ascending = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            ascending[i] = keys.get(i).isAscending();
        }
        this.entries = new TreeMap<>(this::compareTuples);
    }

    /** {@code _id} order, ties (never between distinct {@code _id}s a unique index admits) in the store's order. */
    synchronized void naturalOrder(Comparator<Object> natural) {
        this.positionOrder = positionOrder(natural);
        if (!keysOf.isEmpty()) {
            throw new IllegalStateException("order set after documents were indexed");
        }
    }

    static Comparator<Object> positionOrder(Comparator<Object> natural) {
        Comparator<Object> bson = ValueComparator.asc();
        return (a, b) -> {
            int c = bson.compare(a, b);
            return c != 0 ? c : natural.compare(a, b);
        };
    }

    List<String> fields() {
        return keys();
    }

    boolean[] directions() {
        return ascending.clone();
    }

    /** Whether queries may use it: not broken, and not sparse (a sparse index lacks the documents without keys). */
    boolean usable() {
        return !broken && !isSparse();
    }

    NavigableMap<KeyValue, NavigableSet<Object>> entries() {
        return entries;
    }

    Set<Object> irregular() {
        return irregular;
    }

    int compareTuples(KeyValue a, KeyValue b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareComponent(a.get(i), b.get(i), i >= ascending.length || ascending[i]);
            if (c != 0) {
                return c;
            }
        }
        if (a.size() == b.size()) {
            return 0;
        }
        // only probes are longer than the index's keys: a trailing LOW sorts first, HIGH last
        if (a.size() > b.size()) {
            return a.get(n) == Sentinel.LOW ? -1 : 1;
        }
        return b.get(n) == Sentinel.LOW ? 1 : -1;
    }

    private static int compareComponent(Object a, Object b, boolean asc) {
        if (a == b) {
            return 0;
        }
        if (a == Sentinel.LOW || b == Sentinel.HIGH) {
            return -1;
        }
        if (a == Sentinel.HIGH || b == Sentinel.LOW) {
            return 1;
        }
        int c;
        if (a == Sentinel.STRINGS_END) {
            c = -stringsEndVersus(b);
        } else if (b == Sentinel.STRINGS_END) {
            c = stringsEndVersus(a);
        } else {
            c = ValueComparator.asc().compare(a, b);
        }
        return asc ? c : -c;
    }

    /** Ascending comparison of {@code value} with the end of the strings. */
    private static int stringsEndVersus(Object value) {
        if (value instanceof String) {
            return -1;
        }
        return ValueComparator.asc().compare(value, "") < 0 ? -1 : 1;
    }

    private Object positionOf(Document document) {
        return document.get(idField);
    }

    private Set<KeyValue> keysFor(Document document) {
        return getKeyValues(document);
    }

    private boolean isIrregular(Document document) {
        for (String field : keys()) {
            Object value = document.get(field);
            if (field.contains(".")
                    || value instanceof Collection<?>
                    || value instanceof Map<?, ?>
                    || value instanceof Document) {
                return true;
            }
        }
        return false;
    }

    /** The keys whose first component is a string, in ascending order of strings, each with its positions. */
    static final class StringKeys {
        /** Patterns whose matching keys are remembered, and the most keys a remembered answer may hold. */
        private static final int REMEMBERED = 8;

        private static final int REMEMBERED_MATCHES = 4096;

        private final long version;
        private final String[] keys;
        private final List<NavigableSet<Object>> positions;
        private String[] folded;

        /**
         * The indexes of the keys each recent pattern matched: a page's count and its documents ask the same search
         * twice within a millisecond, and each answer tests every key. The copy is replaced on the next write, and
         * its answers with it.
         */
        private final Map<String, int[]> matches = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
                return size() > REMEMBERED;
            }
        };

        StringKeys(long version, String[] keys, List<NavigableSet<Object>> positions) {
            this.version = version;
            this.keys = keys;
            this.positions = positions;
        }

        long version() {
            return version;
        }

        String[] keys() {
            return keys;
        }

        List<NavigableSet<Object>> positions() {
            return positions;
        }

        /** The indexes (ascending) of the keys {@code pattern} matches, remembered when there are few. */
        int[] matching(String pattern, Supplier<int[]> test) {
            synchronized (matches) {
                int[] known = matches.get(pattern);
                if (known != null) {
                    return known;
                }
            }
            int[] found = test.get();
            if (found.length <= REMEMBERED_MATCHES) {
                synchronized (matches) {
                    matches.put(pattern, found);
                }
            }
            return found;
        }

        /** The keys case-folded (see {@link IndexedCollection#foldCase}), made on first use. */
        synchronized String[] folded() {
            if (folded == null) {
                folded = new String[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    folded[i] = IndexedCollection.foldCase(keys[i]);
                }
            }
            return folded;
        }
    }

    /** {@link StringKeys} of the index as it is now (a copy kept until the next write). */
    synchronized StringKeys stringKeys() {
        if (stringKeys == null || stringKeys.version() != version) {
            List<String> keys = new ArrayList<>();
            List<NavigableSet<Object>> positions = new ArrayList<>();
            KeyValue from = new KeyValue("", Sentinel.LOW);
            KeyValue to = new KeyValue(Sentinel.STRINGS_END, Sentinel.LOW);
            NavigableMap<KeyValue, NavigableSet<Object>> strings =
                    ascending[0] ? entries.subMap(from, true, to, false) : entries.descendingMap();
            for (Map.Entry<KeyValue, NavigableSet<Object>> entry : strings.entrySet()) {
                if (entry.getKey().get(0) instanceof String key) {
                    keys.add(key);
                    positions.add(entry.getValue());
                }
            }
            stringKeys = new StringKeys(version, keys.toArray(String[]::new), positions);
        }
        return stringKeys;
    }

    private void breakIndex(RuntimeException cause) {
        if (!broken) {
            log.warn(
                    "Index {} cannot hold every document and is not used for queries until reopened", getName(), cause);
        }
        broken = true;
        entries.clear();
        keysOf.clear();
        irregular.clear();
        explicitNulls.clear();
    }

    @Override
    public Object getPosition(Document document) {
        return null; // the _id index answers this
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // non-unique: nothing to refuse
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        version++;
        Class<?> type = position == null ? Object.class : position.getClass();
        positionClass = positionClass == null || positionClass == type ? type : Object.class;
        if (broken) {
            return;
        }
        try {
            Set<KeyValue> keys = keysFor(document);
            Set<KeyValue> stored;
            if (keys.size() == 1) {
                stored = Set.of(insert(keys.iterator().next(), position));
            } else {
                stored = new java.util.LinkedHashSet<>();
                for (KeyValue key : keys) {
                    stored.add(insert(key, position));
                }
            }
            keysOf.put(position, stored);
            if (isIrregular(document)) {
                irregular.add(position);
            }
            int nulls = explicitNullMask(document);
            if (nulls != 0) {
                explicitNulls.put(position, nulls);
            }
        } catch (RuntimeException e) {
            breakIndex(e);
        }
    }

    /**
     * Files {@code position} under {@code key}, and answers the key object the index holds for it: documents with
     * equal keys share one (a key tuple per document per index would be most of the index's memory).
     */
    private KeyValue insert(KeyValue key, Object position) {
        Map.Entry<KeyValue, NavigableSet<Object>> existing = entries.ceilingEntry(key);
        if (existing != null && compareTuples(existing.getKey(), key) == 0) {
            existing.getValue().add(position);
            return existing.getKey();
        }
        NavigableSet<Object> positions = new TreeSet<>(positionOrder);
        positions.add(position);
        entries.put(key, positions);
        return key;
    }

    @Override
    public synchronized Object remove(Document document) {
        version++;
        Object position = positionOf(document);
        if (broken) {
            return position;
        }
        try {
            Set<KeyValue> keys = keysOf.remove(position);
            if (keys == null) {
                breakIndex(new IllegalStateException("no entry for " + position));
                return position;
            }
            for (KeyValue key : keys) {
                NavigableSet<Object> positions = entries.get(key);
                if (positions != null) {
                    positions.remove(position);
                    if (positions.isEmpty()) {
                        entries.remove(key);
                    }
                }
            }
            irregular.remove(position);
            explicitNulls.remove(position);
        } catch (RuntimeException e) {
            breakIndex(e);
        }
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // used by IndexedCollection's planner, not by the stock single-index lookup
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized long getCount() {
        return keysOf.size();
    }

    @Override
    public synchronized boolean isEmpty() {
        return keysOf.isEmpty();
    }

    @Override
    public synchronized long getDataSize() {
        return entries.size();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // non-unique: nothing to refuse
    }

    @Override
    public synchronized void updateInPlace(
            Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        if (broken) {
            return;
        }
        Set<KeyValue> before = keysOf.get(position);
        if (before != null && sameIndexedValues(oldDocument, newDocument)) {
            // most updates touch no indexed field: nothing to recompute (the keys, the irregularity and the nulls are
            // functions of these values alone)
            return;
        }
        Set<KeyValue> after;
        try {
            after = keysFor(newDocument);
        } catch (RuntimeException e) {
            breakIndex(e);
            return;
        }
        if (before != null
                && before.equals(after)
                && isIrregular(oldDocument) == isIrregular(newDocument)
                && explicitNullMask(oldDocument) == explicitNullMask(newDocument)) {
            return;
        }
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    /** Whether every indexed field holds an equal value (or is missing) in both documents; false when unsure. */
    private boolean sameIndexedValues(Document oldDocument, Document newDocument) {
        for (String key : keys()) {
            // a dotted key reads inside its first field: an equal first field gives it equal values
            int dot = key.indexOf('.');
            String field = dot < 0 ? key : key.substring(0, dot);
            if (oldDocument.containsKey(field) != newDocument.containsKey(field)
                    || !Objects.equals(oldDocument.get(field), newDocument.get(field))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void drop() {
        version++;
        entries.clear();
        keysOf.clear();
        irregular.clear();
        explicitNulls.clear();
    }

    private int explicitNullMask(Document document) {
        int mask = 0;
        List<String> fields = keys();
        for (int i = 0; i < fields.size() && i < Integer.SIZE; i++) {
            if (document.containsKey(fields.get(i)) && document.get(fields.get(i)) == null) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /**
     * Which indexed fields of the document at {@code position} hold an explicit null (bit i for the i-th key), as
     * opposed to being absent: both are a null key component, but an aggregation's {@code _id} document tells them
     * apart.
     */
    int explicitNulls(Object position) {
        return explicitNulls.getOrDefault(position, 0);
    }

    /**
     * Whether the first element of an entry's set is also the first of its positions in the store's order: true while
     * every position is a {@code Long}, an {@code Integer} or a {@code String} and all of one class, whose order by
     * value (the sets' order) is then the store's.
     */
    synchronized boolean setsInStoreOrder() {
        return positionClass == Long.class || positionClass == Integer.class || positionClass == String.class;
    }

    /** The key tuples of the document at {@code position} (one for a regular document), or null. */
    Set<KeyValue> keysOf(Object position) {
        return keysOf.get(position);
    }

    /** Positions under every key whose components equal {@code prefix} (a prefix of the index's keys). */
    Collection<NavigableSet<Object>> withPrefix(List<Object> prefix) {
        return withPrefix(prefix, false);
    }

    /** The same, in the index's order or ({@code reversed}) the opposite one. */
    Collection<NavigableSet<Object>> withPrefix(List<Object> prefix, boolean reversed) {
        if (prefix.size() == ascending.length) {
            NavigableSet<Object> exact = entries.get(new KeyValue(prefix));
            return exact == null ? List.of() : List.of(exact);
        }
        List<Object> low = new ArrayList<>(prefix);
        low.add(Sentinel.LOW);
        List<Object> high = new ArrayList<>(prefix);
        high.add(Sentinel.HIGH);
        NavigableMap<KeyValue, NavigableSet<Object>> under =
                entries.subMap(new KeyValue(low), true, new KeyValue(high), true);
        return reversed ? under.descendingMap().values() : under.values();
    }
}
