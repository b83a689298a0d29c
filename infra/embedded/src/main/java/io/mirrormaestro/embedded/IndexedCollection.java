package io.mirrormaestro.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that plans its queries over its indexes ({@link SortedIndex} for the non-unique ones, the
 * {@code _id} index for lookups and {@code _id} order). Stock mongo-java-server 1.47.0 uses an index only when a
 * query names exactly that index's keys, so everything else scanned the whole collection.
 *
 * <p>The plan of a query is a set of candidate positions, taken from the indexes for the query's conditions that an
 * index can answer: equality, {@code $eq}, {@code $in}, ranges ({@code $gt}, {@code $gte}, {@code $lt}, {@code
 * $lte}) and regular expressions (a literal {@code ^prefix} reads a key range, others test each distinct key) on a
 * top-level field that leads an index, and {@code _id} equality and {@code $in}; intersected over the top level and
 * {@code $and}, united over an {@code $or} whose every branch has a plan. Any other condition is left to the matcher.
 * The whole query is always matched against every candidate, in the store's natural order, so the answer is the one
 * a full scan gives, unless the plan is exact (every condition was answered by an index without loss): then counts
 * take its size without reading a document.
 *
 * <p>A sort on the keys of an index followed by {@code _id} (or on {@code _id} alone), with a limit, walks that index
 * in order and stops when the page is full, instead of sorting every match.
 */
final class IndexedCollection extends H2Collection {

    /**
     * Above this many candidates an ordered walk with a limit beats loading and sorting them all (a test lowers it to
     * walk small collections too).
     */
    static volatile int walkAbove = 256;

    /** How many queries took their candidates from a plan, walked an index in order, counted without reading. */
    static final java.util.concurrent.atomic.AtomicLong PLANNED = new java.util.concurrent.atomic.AtomicLong();

    static final java.util.concurrent.atomic.AtomicLong WALKED = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong WALKED_SECONDARY = new java.util.concurrent.atomic.AtomicLong();
    /** Ordered walks under the equalities on an index's leading keys (see {@link #walkUnder}). */
    static final java.util.concurrent.atomic.AtomicLong WALKED_UNDER = new java.util.concurrent.atomic.AtomicLong();

    static final java.util.concurrent.atomic.AtomicLong COUNTED = new java.util.concurrent.atomic.AtomicLong();
    /** Plans that looked up several fields of one compound index together (equalities, then maybe a range). */
    static final java.util.concurrent.atomic.AtomicLong COMPOUND = new java.util.concurrent.atomic.AtomicLong();

    /** Compound plans whose last key came from an {@code $in} (one lookup per value). */
    static final java.util.concurrent.atomic.AtomicLong COMPOUND_IN = new java.util.concurrent.atomic.AtomicLong();

    static final java.util.concurrent.atomic.AtomicLong COMPOUND_RANGE = new java.util.concurrent.atomic.AtomicLong();

    private final Comparator<Object> natural;

    @SuppressWarnings("unchecked")
    IndexedCollection(
            MongoDatabase database,
            String name,
            CollectionOptions options,
            MVMap<Object, Document> data,
            MVMap<String, Object> meta,
            CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
        var keyType = (org.h2.mvstore.type.DataType<Object>) (Object) data.getKeyType();
        this.natural = keyType::compare;
    }

    /**
     * Candidate positions, and whether they are exactly the matches. A plan read from one index is kept as that
     * index's sets (disjoint: one per key) until something needs a single set, so a count over one condition adds up
     * set sizes without copying a position; such a plan can also test one position by its key ({@code member}), so an
     * intersection walks the smaller side and asks the larger, and an {@code $or} stays its branches.
     */
    static final class Plan {
        private final List<? extends Collection<Object>> parts;
        private final List<Plan> branches;
        private final java.util.function.Predicate<Object> member;
        private Set<Object> positions;
        private final boolean exact;

        Plan(Set<Object> positions, boolean exact) {
            this(null, null, null, positions, exact);
        }

        private Plan(
                List<? extends Collection<Object>> parts,
                List<Plan> branches,
                java.util.function.Predicate<Object> member,
                Set<Object> positions,
                boolean exact) {
            this.parts = parts;
            this.branches = branches;
            this.member = member;
            this.positions = positions;
            this.exact = exact;
        }

        /** A plan of disjoint sets (distinct keys of one index); {@code member} tests a position the same way. */
        static Plan ofParts(
                List<? extends Collection<Object>> parts, boolean exact, java.util.function.Predicate<Object> member) {
            return new Plan(parts, null, member, null, exact);
        }

        /** The union of plans, made into one set only when needed. */
        static Plan union(List<Plan> branches, boolean exact) {
            boolean testable = branches.stream().allMatch(Plan::testable);
            java.util.function.Predicate<Object> member = testable
                    ? position -> {
                        for (Plan branch : branches) {
                            if (branch.contains(position)) {
                                return true;
                            }
                        }
                        return false;
                    }
                    : null;
            return new Plan(null, List.copyOf(branches), member, null, exact);
        }

        boolean exact() {
            return exact;
        }

        Plan withExact(boolean exact) {
            return exact == this.exact ? this : new Plan(parts, branches, member, positions, exact);
        }

        /** The positions as one set, made on first use; every plan's set is its own (callers may change it). */
        Set<Object> positions() {
            if (positions == null) {
                Set<Object> all = new HashSet<>(Math.max(16, (int) (estimate() / 0.75f) + 1));
                addTo(all);
                positions = all;
            }
            return positions;
        }

        void addTo(Set<Object> target) {
            forEach(target::add);
        }

        /** Each candidate (a union may give one twice). */
        void forEach(java.util.function.Consumer<Object> action) {
            if (positions != null) {
                positions.forEach(action);
            } else if (parts != null) {
                parts.forEach(part -> part.forEach(action));
            } else {
                branches.forEach(branch -> branch.forEach(action));
            }
        }

        /** Whether {@link #contains} can answer without making the set. */
        boolean testable() {
            return positions != null || member != null;
        }

        boolean contains(Object position) {
            if (positions != null) {
                return positions.contains(position);
            }
            return member != null ? member.test(position) : positions().contains(position);
        }

        int size() {
            if (positions != null) {
                return positions.size();
            }
            if (parts != null) {
                return estimate();
            }
            if (member != null) {
                // every branch can test a position: counted without a set when only the largest may hold a union
                // (a nested union gives a candidate once per branch holding it)
                Plan largest = branches.stream()
                        .max(Comparator.comparingInt(Plan::estimate))
                        .orElseThrow();
                if (branches.stream().allMatch(branch -> branch == largest || branch.branches == null)) {
                    return unionSize(largest);
                }
            }
            return positions().size();
        }

        /**
         * The exact size of a union without making its set (a count of mirrors broken either way made a set of every
         * failed mirror, twice a page): the largest branch's size, then, for each other branch, its candidates that
         * no branch counted before holds.
         */
        private int unionSize(Plan largest) {
            List<Plan> counted = new ArrayList<>(List.of(largest));
            int size = largest.size();
            for (Plan branch : branches) {
                if (branch == largest) {
                    continue;
                }
                int[] added = {0};
                branch.forEach(position -> {
                    for (Plan before : counted) {
                        if (before.contains(position)) {
                            return;
                        }
                    }
                    added[0]++;
                });
                size += added[0];
                counted.add(branch);
            }
            return size;
        }

        /** The size, or for a union an upper bound. */
        int estimate() {
            if (positions != null) {
                return positions.size();
            }
            int size = 0;
            if (parts != null) {
                for (Collection<Object> part : parts) {
                    size += part.size();
                }
            } else {
                for (Plan branch : branches) {
                    size += branch.estimate();
                }
            }
            return size;
        }
    }

    /**
     * The candidates of both plans: the smaller one's, each tested against the larger one, by its key when the larger
     * is much larger (a key test costs several set lookups), else against the larger one's set.
     */
    private static Set<Object> intersect(Plan a, Plan b) {
        Plan small = a.estimate() <= b.estimate() ? a : b;
        Plan large = small == a ? b : a;
        if ((long) small.estimate() * KEY_TEST_COST >= large.estimate()) {
            large.positions();
        }
        Set<Object> result = new HashSet<>();
        small.forEach(position -> {
            if (large.contains(position)) {
                result.add(position);
            }
        });
        return result;
    }

    /** About how many set insertions one test of a position by its key costs. */
    private static final int KEY_TEST_COST = 8;

    /** A membership test by the keys a position has in {@code index} (which must hold no irregular document). */
    private static java.util.function.Predicate<Object> keyed(
            SortedIndex index, java.util.function.Predicate<KeyValue> test) {
        return position -> {
            Set<KeyValue> keys = index.keysOf(position);
            if (keys == null) {
                return false;
            }
            for (KeyValue key : keys) {
                if (test.test(key)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean same(Object a, Object b) {
        if (a != null && b != null && a.getClass() == b.getClass() && !(a instanceof Number)) {
            // strings, dates, booleans, ids: equal exactly when BSON comparison says so
            if (a instanceof String || a instanceof Instant || a instanceof Boolean) {
                return a.equals(b);
            }
        }
        return ValueComparator.asc().compare(a, b) == 0;
    }

    /** BSON order of two values, quickly for two strings or two dates. */
    private static int order(Object a, Object b) {
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        return ValueComparator.asc().compare(a, b);
    }

    /** As {@link #range}'s choice of keys: within the bounds, and of a type the matcher compares with them. */
    private static boolean within(Object key, Object low, boolean lowInclusive, Object high, boolean highInclusive) {
        if (low != null) {
            int c = order(key, low);
            if (!comparableTypes(key, low) || c < 0 || (c == 0 && !lowInclusive)) {
                return false;
            }
        }
        if (high != null) {
            int c = order(key, high);
            return comparableTypes(key, high) && c <= 0 && (c != 0 || highInclusive);
        }
        return true;
    }

    /** The store's order of positions (the order a full scan visits documents in). */
    Comparator<Object> naturalOrder() {
        return natural;
    }

    /** The document stored at {@code position}. */
    Document documentAt(Object position) {
        return getDocument(position);
    }

    /** The documents the next aggregation on this thread starts from, instead of all of them (see the backend). */
    private final ThreadLocal<java.util.function.Supplier<java.util.stream.Stream<Document>>> aggregationSource =
            new ThreadLocal<>();

    void startNextAggregationFrom(java.util.function.Supplier<java.util.stream.Stream<Document>> source) {
        aggregationSource.set(source);
    }

    void clearAggregationSource() {
        aggregationSource.remove();
    }

    /**
     * The stock collection encodes every written document (and the one it replaces) to BSON to keep a running data
     * size, and writes that size to the file on every write; only {@code collStats} reads it, which nothing here
     * sends. Its {@code size} stays at what an older file held.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    public java.util.stream.Stream<Document> queryAllAsStream() {
        var source = aggregationSource.get();
        if (source != null) {
            aggregationSource.remove();
            return source.get();
        }
        ScanLog.fullScan(this, new Document(), new Document("$aggregate", 1), count());
        return super.queryAllAsStream();
    }

    /** How many documents match {@code query}, when the indexes answer it exactly; otherwise -1. */
    synchronized int exactCount(Document query) {
        if (query.isEmpty()) {
            return count();
        }
        Plan plan = plan(query);
        return plan != null && plan.exact() ? plan.size() : -1;
    }

    /**
     * The name of the sorted copy kept beside a compound unique index. A hash map answers only lookups of all its
     * keys; MongoDB's B-tree also answers any prefix of them ({@code source_instance_id, source_project_id} of the
     * mirrors' five-key unique index), so the planner gets the same keys sorted.
     */
    private static final String PREFIXES = " (prefixes)";

    @Override
    public synchronized void addIndex(Index<Object> index) {
        if (index instanceof SortedIndex sorted && sorted.isEmpty()) {
            sorted.naturalOrder(natural);
        } else if (index instanceof HashUniqueIndex unique) {
            unique.naturalOrder(natural);
        }
        super.addIndex(index);
        if (index instanceof HashUniqueIndex unique && unique.getKeys().size() > 1) {
            addIndex(new SortedIndex(unique.getName() + PREFIXES, unique.getKeys(), unique.sparse(), "_id"));
        }
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
        if (getIndexes().stream().anyMatch(index -> index.getName().equals(indexName + PREFIXES))) {
            super.dropIndex(indexName + PREFIXES);
        }
    }

    /**
     * With {@code MM_EMBEDDED_VERIFY_INDEXES=1} every planned query and count is also answered by a full scan, and a
     * difference fails the operation (for test runs: the answer must never depend on the indexes).
     */
    static final boolean VERIFY = "1".equals(System.getenv("MM_EMBEDDED_VERIFY_INDEXES"));

    @Override
    public synchronized int count(Document query, int skip, int limit) {
        if (VERIFY) {
            int planned = countPlanned(query, skip, limit);
            int scanned = super.count(query, skip, limit);
            if (planned != scanned) {
                throw new IllegalStateException(
                        "index count " + planned + " != scan " + scanned + " for " + query + " in " + getFullName());
            }
            return planned;
        }
        return countPlanned(query, skip, limit);
    }

    private int countPlanned(Document query, int skip, int limit) {
        if (query != null && !query.isEmpty()) {
            Plan plan = plan(query);
            if (plan != null && plan.exact()) {
                COUNTED.incrementAndGet();
                int count = plan.size();
                if (skip > 0) {
                    count = Math.max(0, count - skip);
                }
                return limit > 0 ? Math.min(limit, count) : count;
            }
        }
        ScanLog.fullScan(this, query, new Document("$count", 1), count());
        return super.count(query, skip, limit);
    }

    /**
     * Whether {@link #queryDocuments} hands out copies: while an update or a findAndModify runs (both hold this
     * collection's monitor), so that the stock update, which changes the document it was handed in place, changes a
     * copy that then replaces the stored one. A stored document is never changed: H2 writes pages in a background
     * thread (an encoder meeting a document mid-change failed with a ConcurrentModificationException and closed the
     * store), and replies are encoded after the collection's monitor is released.
     */
    private boolean handingOutCopies;

    @Override
    public synchronized Document updateDocuments(
            Document selector,
            Document updateQuery,
            de.bwaldvogel.mongo.backend.ArrayFilters arrayFilters,
            boolean isMulti,
            boolean isUpsert,
            de.bwaldvogel.mongo.oplog.Oplog oplog) {
        handingOutCopies = true;
        try {
            return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
        } finally {
            handingOutCopies = false;
        }
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        handingOutCopies = true;
        try {
            return super.findAndModify(query);
        } finally {
            handingOutCopies = false;
        }
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
        QueryResult found = storedDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        if (!handingOutCopies) {
            return found;
        }
        return new QueryResult(() -> {
            Iterator<Document> stored = found.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return stored.hasNext();
                }

                @Override
                public Document next() {
                    return stored.next().cloneDeeply();
                }
            };
        });
    }

    private QueryResult storedDocuments(
            Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
        if (VERIFY) {
            List<Document> planned = new ArrayList<>();
            plannedQuery(query, orderBy, skip, limit, 0, fieldSelector).forEach(planned::add);
            List<Document> scanned = new ArrayList<>();
            super.queryDocuments(query, orderBy, skip, limit, 0, fieldSelector).forEach(scanned::add);
            if (!planned.equals(scanned)) {
                throw new IllegalStateException("index answer " + planned + " != scan " + scanned + " for " + query
                        + " sort " + orderBy + " skip " + skip + " limit " + limit + " in " + getFullName());
            }
        }
        return plannedQuery(query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    private QueryResult plannedQuery(
            Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
        if (orderBy != null && orderBy.keySet().stream().anyMatch(k -> k.startsWith("$"))) {
            ScanLog.fullScan(this, query, orderBy, count());
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        Plan plan = plan(query);
        if (limit > 0 && (plan == null || plan.size() > walkAbove)) {
            Iterator<Object> walk = walkUnder(query, orderBy);
            if (walk == null) {
                walk = walk(orderBy);
            }
            if (walk != null) {
                WALKED.incrementAndGet();
                return walkDocuments(walk, plan, query, skip, limit, batchSize, fieldSelector);
            }
        }
        if (plan == null) {
            ScanLog.fullScan(this, query, orderBy, count());
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        PLANNED.incrementAndGet();
        ScanLog.scanned(this, query, orderBy, plan.size());
        List<Object> candidates = new ArrayList<>(plan.positions());
        candidates.sort(natural);
        return matchDocuments(query, candidates, orderBy, skip, limit, batchSize, fieldSelector);
    }

    private QueryResult walkDocuments(
            Iterator<Object> walk,
            Plan plan,
            Document query,
            int skip,
            int limit,
            int batchSize,
            Document fieldSelector) {
        boolean known = query.isEmpty() || (plan != null && plan.exact());
        List<Document> page = new ArrayList<>();
        int skipped = 0;
        while (walk.hasNext() && page.size() < limit) {
            Object position = walk.next();
            if (plan != null && !plan.contains(position)) {
                continue;
            }
            if (known && skipped < skip) {
                skipped++;
                continue;
            }
            Document document = getDocument(position);
            if (document == null || (!known && !documentMatchesQuery(document, query))) {
                continue;
            }
            if (skipped < skip) {
                skipped++;
                continue;
            }
            page.add(document);
        }
        return matchDocumentsFromStream(page.stream(), new Document(), null, 0, 0, batchSize, fieldSelector);
    }

    // ---- ordered walks

    /** Positions in the order {@code orderBy} asks for, or null when no index gives that order. */
    Iterator<Object> walk(Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return null;
        }
        List<String> fields = new ArrayList<>(orderBy.keySet());
        int n = fields.size();
        if (!fields.get(n - 1).equals("_id")) {
            return null;
        }
        boolean idAscending = ascending(orderBy.get("_id"));
        if (n == 1) {
            for (Index<Object> index : getIndexes()) {
                if (index instanceof HashUniqueIndex unique && unique.ordered() != null) {
                    NavigableSet<Object> ids = unique.ordered();
                    return idAscending ? ids.iterator() : ids.descendingIterator();
                }
            }
            return null;
        }
        List<String> keys = fields.subList(0, n - 1);
        if (keys.stream().anyMatch(k -> k.equals("_id") || k.contains("."))) {
            return null;
        }
        for (Index<Object> index : getIndexes()) {
            if (!(index instanceof SortedIndex sorted)
                    || !sorted.usable()
                    || !sorted.irregular().isEmpty()
                    || !sorted.fields().equals(keys)) {
                continue;
            }
            boolean[] directions = sorted.directions();
            boolean forward = true;
            boolean reverse = true;
            for (int i = 0; i < keys.size(); i++) {
                boolean asc = ascending(orderBy.get(keys.get(i)));
                forward &= asc == directions[i];
                reverse &= asc != directions[i];
            }
            if (!forward && !reverse) {
                continue;
            }
            NavigableMap<KeyValue, NavigableSet<Object>> entries =
                    forward ? sorted.entries() : sorted.entries().descendingMap();
            WALKED_SECONDARY.incrementAndGet();
            return flatten(entries.values().iterator(), idAscending);
        }
        return null;
    }

    /**
     * Positions in the order {@code orderBy} asks for among the documents whose leading index keys the query fixes by
     * equality ({@code {state: "ENQUEUED"}} sorted by {@code updatedAt} over an index on {@code state, updatedAt}),
     * or null when no index has the query's equalities followed by the sort's keys. Ties (equal sort keys) come in
     * {@code _id} order, or the opposite one when the sort ends with a descending {@code _id}.
     */
    Iterator<Object> walkUnder(Document query, Document orderBy) {
        if (orderBy == null || orderBy.isEmpty() || query == null || query.isEmpty()) {
            return null;
        }
        List<String> sortKeys = new ArrayList<>(orderBy.keySet());
        boolean idAscending = true;
        if (sortKeys.get(sortKeys.size() - 1).equals("_id")) {
            idAscending = ascending(orderBy.get("_id"));
            sortKeys.remove(sortKeys.size() - 1);
        }
        if (sortKeys.isEmpty()
                || sortKeys.stream().anyMatch(k -> k.startsWith("$") || k.contains(".") || k.equals("_id"))) {
            return null;
        }
        Map<String, Object> equalities = new HashMap<>();
        flattened(query).forEach((field, value) -> {
            Object operand =
                    value instanceof Document d && d.size() == 1 && d.containsKey("$eq") ? d.get("$eq") : value;
            if (!field.startsWith("$") && !field.contains(".") && isLookup(operand) && exactlyComparable(operand)) {
                equalities.put(field, operand);
            }
        });
        for (Index<Object> index : getIndexes()) {
            if (!(index instanceof SortedIndex sorted)
                    || !sorted.usable()
                    || !sorted.irregular().isEmpty()) {
                continue;
            }
            List<String> fields = sorted.fields();
            int fixed = fields.size() - sortKeys.size();
            if (fixed < 1
                    || !fields.subList(fixed, fields.size()).equals(sortKeys)
                    || !equalities.keySet().containsAll(fields.subList(0, fixed))) {
                continue;
            }
            boolean[] directions = sorted.directions();
            boolean forward = true;
            boolean reverse = true;
            for (int i = 0; i < sortKeys.size(); i++) {
                boolean asc = ascending(orderBy.get(sortKeys.get(i)));
                forward &= asc == directions[fixed + i];
                reverse &= asc != directions[fixed + i];
            }
            if (!forward && !reverse) {
                continue;
            }
            List<Object> prefix = new ArrayList<>();
            for (String field : fields.subList(0, fixed)) {
                prefix.add(equalities.get(field));
            }
            WALKED_UNDER.incrementAndGet();
            return flatten(sorted.withPrefix(prefix, !forward).iterator(), idAscending);
        }
        return null;
    }

    private static boolean ascending(Object direction) {
        return !(direction instanceof Number number) || number.doubleValue() >= 0;
    }

    private static Iterator<Object> flatten(Iterator<NavigableSet<Object>> groups, boolean ascending) {
        return new Iterator<>() {
            private Iterator<Object> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && groups.hasNext()) {
                    NavigableSet<Object> group = groups.next();
                    current = ascending ? group.iterator() : group.descendingIterator();
                }
                return current.hasNext();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    // ---- planning

    /** Candidate positions for {@code query}, or null when the indexes cannot narrow it. */
    Plan plan(Document query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        query = flattened(query);
        Plan result = null;
        Plan negated = null;
        boolean exact = true;
        Set<String> planned = new HashSet<>();
        Plan together = planEqualities(query, planned);
        if (together != null) {
            result = together;
            exact = together.exact();
        }
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String key = condition.getKey();
            Object value = condition.getValue();
            if (planned.contains(key)) {
                continue;
            }
            Plan part;
            if (key.equals("$and")) {
                part = planAll(value);
            } else if (key.equals("$or")) {
                part = planAny(value);
            } else if (key.equals("$nor")) {
                negated = planAny(value);
                if (negated != null && negated.exact()) {
                    continue; // subtracted below
                }
                negated = null;
                part = null;
            } else if (key.startsWith("$")) {
                part = null;
            } else {
                part = planField(key, value);
            }
            if (part == null) {
                exact = false;
                continue;
            }
            result = result == null ? part : new Plan(intersect(result, part), true);
            exact &= part.exact();
        }
        if (negated != null) {
            // candidates less the excluded ones; with no candidates, every document less them
            if (result == null) {
                Plan rest = planNone(query.get("$nor"));
                return rest == null ? null : rest.withExact(exact && rest.exact());
            }
            Set<Object> from = result.positions(); // every plan's set is its own: it may be changed
            Plan excluded = negated;
            from.removeIf(excluded::contains);
            return new Plan(from, exact);
        }
        return result == null ? null : result.withExact(exact);
    }

    /**
     * The query with the field conditions of its top-level {@code $and} clauses lifted to the top level where that
     * field has none there (the same conjunction), so that conditions on several fields can be planned together.
     */
    private static Document flattened(Document query) {
        if (!(query.get("$and") instanceof List<?> clauses)) {
            return query;
        }
        Document flat = new Document();
        query.forEach((k, v) -> {
            if (!k.equals("$and")) {
                flat.put(k, v);
            }
        });
        List<Object> rest = new ArrayList<>();
        for (Object clause : clauses) {
            if (!(clause instanceof Document d)
                    || d.keySet().stream()
                            .anyMatch(k -> (k.startsWith("$") && !k.equals("$or") && !k.equals("$nor"))
                                    || flat.containsKey(k))) {
                rest.add(clause);
                continue;
            }
            flat.putAll(d);
        }
        if (!rest.isEmpty()) {
            flat.put("$and", rest);
        }
        return flat;
    }

    /**
     * Equalities on the leading fields of a compound index, looked up together as one key prefix (two or more
     * fields): the positions of documents that have all the values, instead of each value's positions intersected.
     * Adds the fields used to {@code planned}; null when no index leads with two of the query's equalities.
     */
    private Plan planEqualities(Document query, Set<String> planned) {
        Map<String, Object> equalities = new HashMap<>();
        Map<String, Document> ranges = new HashMap<>();
        Map<String, List<?>> ins = new HashMap<>();
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.startsWith("$") || field.contains(".")) {
                continue;
            }
            if (value instanceof Document operator
                    && operator.keySet().equals(Set.of("$eq"))
                    && !(operator.get("$eq") instanceof Document)) {
                value = operator.get("$eq");
            }
            if (value == null || isLookup(value)) {
                equalities.put(field, value);
            } else if (value instanceof Document operators
                    && !operators.isEmpty()
                    && Set.of("$gt", "$gte", "$lt", "$lte").containsAll(operators.keySet())
                    && operators.values().stream().allMatch(IndexedCollection::isScalar)
                    && !(operators.containsKey("$gt") && operators.containsKey("$gte"))
                    && !(operators.containsKey("$lt") && operators.containsKey("$lte"))) {
                ranges.put(field, operators);
            } else if (value instanceof Document operators
                    && operators.keySet().equals(Set.of("$in"))
                    && operators.get("$in") instanceof List<?> values
                    && !values.isEmpty()
                    && values.stream().allMatch(IndexedCollection::isLookup)) {
                ins.put(field, values);
            }
        }
        SortedIndex best = null;
        int bestLength = 0;
        boolean bestRange = false;
        boolean bestIn = false;
        for (Index<Object> candidate : getIndexes()) {
            if (!(candidate instanceof SortedIndex sorted)
                    || !sorted.usable()
                    || !sorted.irregular().isEmpty()) {
                continue;
            }
            List<String> fields = sorted.fields();
            int length = 0;
            while (length < fields.size() && equalities.containsKey(fields.get(length))) {
                length++;
            }
            boolean range = length > 0 && length < fields.size() && ranges.containsKey(fields.get(length));
            boolean in = !range && length > 0 && length < fields.size() && ins.containsKey(fields.get(length));
            int used = length + (range || in ? 1 : 0);
            if (used >= 2 && used > bestLength + (bestRange || bestIn ? 1 : 0)) {
                best = sorted;
                bestLength = length;
                bestRange = range;
                bestIn = in;
            }
        }
        if (best == null) {
            return null;
        }
        List<Object> prefix = new ArrayList<>();
        boolean exact = true;
        for (String field : best.fields().subList(0, bestLength)) {
            Object value = equalities.get(field);
            prefix.add(value);
            exact &= exactlyComparable(value);
            planned.add(field);
        }
        COMPOUND.incrementAndGet();
        SortedIndex index = best;
        int length = bestLength;
        java.util.function.Predicate<KeyValue> samePrefix = key -> {
            for (int i = 0; i < length; i++) {
                if (!same(key.get(i), prefix.get(i))) {
                    return false;
                }
            }
            return true;
        };
        if (bestIn) {
            // an $in on the next key: one prefix lookup per value ({batch_id, status: {$in: [pending, creating]}})
            String inField = best.fields().get(bestLength);
            planned.add(inField);
            List<?> values = ins.get(inField);
            List<NavigableSet<Object>> parts = new ArrayList<>();
            List<Object> distinct = new ArrayList<>();
            for (Object value : values) {
                if (distinct.stream().noneMatch(seen -> same(seen, value))) {
                    distinct.add(value);
                }
            }
            for (Object value : distinct) {
                List<Object> longer = new ArrayList<>(prefix);
                longer.add(value);
                parts.addAll(best.withPrefix(longer));
                exact &= exactlyComparable(value);
            }
            COMPOUND_IN.incrementAndGet();
            return Plan.ofParts(
                    parts,
                    exact,
                    keyed(
                            index,
                            key -> samePrefix.test(key) && values.stream().anyMatch(v -> same(key.get(length), v))));
        }
        if (!bestRange) {
            return Plan.ofParts(List.copyOf(best.withPrefix(prefix)), exact, keyed(index, samePrefix));
        }
        List<NavigableSet<Object>> parts = new ArrayList<>();
        COMPOUND_RANGE.incrementAndGet();
        String rangeField = best.fields().get(bestLength);
        planned.add(rangeField);
        Document bounds = ranges.get(rangeField);
        Object low = bounds.containsKey("$gt") ? bounds.get("$gt") : bounds.get("$gte");
        Object high = bounds.containsKey("$lt") ? bounds.get("$lt") : bounds.get("$lte");
        for (Map.Entry<KeyValue, NavigableSet<Object>> entry : rangeEntries(
                        best, prefix, low, bounds.containsKey("$gte"), high, bounds.containsKey("$lte"))
                .entrySet()) {
            Object key = entry.getKey().get(bestLength);
            if ((low == null || comparableTypes(key, low)) && (high == null || comparableTypes(key, high))) {
                parts.add(entry.getValue());
            }
        }
        boolean lowInclusive = bounds.containsKey("$gte");
        boolean highInclusive = bounds.containsKey("$lte");
        return Plan.ofParts(
                parts,
                exact,
                keyed(
                        index,
                        key -> samePrefix.test(key)
                                && within(key.get(length), low, lowInclusive, high, highInclusive)));
    }

    /** The entries whose keys start with {@code prefix} and whose next component is within the bounds. */
    private static NavigableMap<KeyValue, NavigableSet<Object>> rangeEntries(
            SortedIndex index,
            List<Object> prefix,
            Object low,
            boolean lowInclusive,
            Object high,
            boolean highInclusive) {
        boolean ascending = index.directions()[prefix.size()];
        List<Object> from = new ArrayList<>(prefix);
        List<Object> to = new ArrayList<>(prefix);
        Object first = ascending ? low : high;
        boolean firstInclusive = ascending ? lowInclusive : highInclusive;
        Object last = ascending ? high : low;
        boolean lastInclusive = ascending ? highInclusive : lowInclusive;
        if (first == null) {
            from.add(SortedIndex.Sentinel.LOW);
        } else {
            from.add(first);
            from.add(firstInclusive ? SortedIndex.Sentinel.LOW : SortedIndex.Sentinel.HIGH);
        }
        if (last == null) {
            to.add(SortedIndex.Sentinel.HIGH);
        } else {
            to.add(last);
            to.add(lastInclusive ? SortedIndex.Sentinel.HIGH : SortedIndex.Sentinel.LOW);
        }
        KeyValue fromKey = new KeyValue(from);
        KeyValue toKey = new KeyValue(to);
        if (index.compareTuples(fromKey, toKey) > 0) {
            return new java.util.TreeMap<>();
        }
        return index.entries().subMap(fromKey, true, toKey, true);
    }

    private Plan planAll(Object clauses) {
        if (!(clauses instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        Plan result = null;
        boolean exact = true;
        for (Object clause : list) {
            Plan part = clause instanceof Document d ? plan(d) : null;
            if (part == null) {
                exact = false;
                continue;
            }
            result = result == null ? part : new Plan(intersect(result, part), true);
            exact &= part.exact();
        }
        return result == null ? null : result.withExact(exact);
    }

    private Plan planAny(Object clauses) {
        if (!(clauses instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<Plan> branches = new ArrayList<>();
        boolean exact = true;
        for (Object clause : list) {
            Plan part = clause instanceof Document d ? plan(d) : null;
            if (part == null) {
                return null;
            }
            branches.add(part);
            exact &= part.exact();
        }
        return Plan.union(branches, exact);
    }

    /** Every position but those of the branches, when each branch's plan is exact (a superset cannot be negated). */
    private Plan planNone(Object clauses) {
        if (!(clauses instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        Set<Object> excluded = new HashSet<>();
        for (Object clause : list) {
            Plan part = clause instanceof Document d ? plan(d) : null;
            if (part == null || !part.exact()) {
                return null;
            }
            part.addTo(excluded);
        }
        for (Index<Object> index : getIndexes()) {
            if (index instanceof HashUniqueIndex unique && unique.ordered() != null) {
                Set<Object> rest = new HashSet<>();
                for (Object position : unique.ordered()) {
                    if (!excluded.contains(position)) {
                        rest.add(position);
                    }
                }
                return new Plan(rest, true);
            }
        }
        return null;
    }

    private Plan planField(String field, Object value) {
        if (field.contains(".")) {
            return null;
        }
        if (field.equals("_id")) {
            return planId(value);
        }
        SortedIndex index = null;
        for (Index<Object> candidate : getIndexes()) {
            if (candidate instanceof SortedIndex sorted
                    && sorted.usable()
                    && sorted.fields().get(0).equals(field)
                    && (index == null || sorted.fields().size() < index.fields().size())) {
                index = sorted;
            }
        }
        if (index == null) {
            return null;
        }
        Plan plan = planValue(index, value);
        if (plan == null || index.irregular().isEmpty()) {
            return plan;
        }
        plan.positions().addAll(index.irregular());
        return new Plan(plan.positions(), false);
    }

    private Plan planId(Object value) {
        HashUniqueIndex ids = null;
        for (Index<Object> index : getIndexes()) {
            if (index instanceof HashUniqueIndex unique && unique.ordered() != null) {
                ids = unique;
            }
        }
        if (ids == null) {
            return null;
        }
        List<?> values;
        if (isLookup(value)) {
            values = List.of(value);
        } else if (value instanceof Document d
                && d.keySet().equals(Set.of("$in"))
                && d.get("$in") instanceof List<?> in
                && in.stream().allMatch(IndexedCollection::isLookup)) {
            values = in;
        } else {
            return null;
        }
        Set<Object> positions = new HashSet<>();
        for (Object id : values) {
            Object position = ids.positionOf(id);
            if (position != null) {
                positions.add(position);
            }
        }
        return new Plan(positions, false);
    }

    private static Plan planValue(SortedIndex index, Object value) {
        if (BsonRegularExpression.isRegularExpression(value)) {
            if (value instanceof Document d && !Set.of("$regex", "$options").containsAll(d.keySet())) {
                return null;
            }
            return planRegex(index, BsonRegularExpression.convertToRegularExpression(value));
        }
        if (value == null || isLookup(value)) {
            return planEquals(index, value);
        }
        if (!(value instanceof Document operators) || operators.isEmpty()) {
            return null;
        }
        Plan only = onlyRangeOrSet(index, operators);
        if (only != null) {
            return only;
        }
        Plan result = null;
        boolean exact = true;
        Object low = null;
        boolean lowInclusive = false;
        Object high = null;
        boolean highInclusive = false;
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            Object operand = operator.getValue();
            Plan part = null;
            switch (operator.getKey()) {
                case "$eq" -> part = operand == null || isLookup(operand) ? planEquals(index, operand) : null;
                case "$in" -> part = planIn(index, operand);
                case "$ne" -> part = operand == null ? planNotNull(index) : null;
                case "$gt", "$gte" -> {
                    if (isScalar(operand) && low == null) {
                        low = operand;
                        lowInclusive = operator.getKey().equals("$gte");
                        continue;
                    }
                }
                case "$lt", "$lte" -> {
                    if (isScalar(operand) && high == null) {
                        high = operand;
                        highInclusive = operator.getKey().equals("$lte");
                        continue;
                    }
                }
                default -> {}
            }
            if (part == null) {
                exact = false;
                continue;
            }
            result = result == null ? part : new Plan(intersect(result, part), true);
            exact &= part.exact();
        }
        if (low != null || high != null) {
            Plan range = rangePlan(index, low, lowInclusive, high, highInclusive);
            result = result == null ? range : new Plan(intersect(result, range), true);
        }
        return result == null ? null : result.withExact(exact);
    }

    /**
     * {@code {field: {$ne: null}}} (JobRunr counts its jobs by state so): the entries whose first key is not null, a
     * missing field and an explicit null both having the null key. Null when the index holds arrays.
     */
    private static Plan planNotNull(SortedIndex index) {
        if (!index.irregular().isEmpty()) {
            return null;
        }
        List<NavigableSet<Object>> parts = new ArrayList<>();
        for (Map.Entry<KeyValue, NavigableSet<Object>> entry : index.entries().entrySet()) {
            if (entry.getKey().get(0) != null) {
                parts.add(entry.getValue());
            }
        }
        return Plan.ofParts(parts, true, keyed(index, key -> key.get(0) != null));
    }

    private static Plan rangePlan(
            SortedIndex index, Object low, boolean lowInclusive, Object high, boolean highInclusive) {
        return Plan.ofParts(
                range(index, low, lowInclusive, high, highInclusive),
                true,
                keyed(index, key -> within(key.get(0), low, lowInclusive, high, highInclusive)));
    }

    /** A lone {@code $in} or a lone range (one or two bounds), as the index's sets; null for anything else. */
    private static Plan onlyRangeOrSet(SortedIndex index, Document operators) {
        Set<String> ops = operators.keySet();
        if (ops.equals(Set.of("$in"))) {
            return planIn(index, operators.get("$in"));
        }
        if (!Set.of("$gt", "$gte", "$lt", "$lte").containsAll(ops)
                || !operators.values().stream().allMatch(IndexedCollection::isScalar)
                || (ops.contains("$gt") && ops.contains("$gte"))
                || (ops.contains("$lt") && ops.contains("$lte"))) {
            return null;
        }
        Object low = ops.contains("$gt") ? operators.get("$gt") : operators.get("$gte");
        Object high = ops.contains("$lt") ? operators.get("$lt") : operators.get("$lte");
        return rangePlan(index, low, ops.contains("$gte"), high, ops.contains("$lte"));
    }

    private static Plan planIn(SortedIndex index, Object operand) {
        if (!(operand instanceof List<?> values)
                || !values.stream().allMatch(v -> v == null || IndexedCollection.isLookup(v))) {
            return null;
        }
        // values equal by BSON comparison (2 and 2.0) share their sets: each set is taken once
        Set<Collection<Object>> parts = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        boolean exact = true;
        for (Object value : values) {
            parts.addAll(index.withPrefix(Collections.singletonList(value)));
            exact &= exactlyComparable(value);
        }
        return Plan.ofParts(List.copyOf(parts), exact, keyed(index, key -> {
            for (Object value : values) {
                if (same(key.get(0), value)) {
                    return true;
                }
            }
            return false;
        }));
    }

    private static Plan planEquals(SortedIndex index, Object value) {
        return Plan.ofParts(
                List.copyOf(index.withPrefix(Collections.singletonList(value))),
                exactlyComparable(value),
                keyed(index, key -> same(key.get(0), value)));
    }

    /**
     * Values whose index key is equal (by BSON comparison) exactly when the matcher calls them equal. Null is: the
     * key of a missing field and of an explicit null is null, and {@code {field: null}} matches both.
     */
    private static boolean exactlyComparable(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Integer) {
            return true;
        }
        if (value instanceof Long l) {
            return Math.abs(l) < (1L << 52);
        }
        return value instanceof String
                || value instanceof Boolean
                || value instanceof Instant
                || value instanceof ObjectId
                || value instanceof java.util.UUID;
    }

    /**
     * Values the planner looks up by equality: the scalars and UUIDs (command, activity and batch ids are UUIDs, so a
     * lookup by one of them must not read the whole collection).
     */
    static boolean isLookup(Object value) {
        return isScalar(value) || value instanceof java.util.UUID;
    }

    /** Values the planner looks up or takes as range bounds: no null, arrays, documents, regular expressions or MinKey/MaxKey. */
    static boolean isScalar(Object value) {
        return value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Instant
                || value instanceof ObjectId;
    }

    /** Positions whose first key is in the range and of a type the matcher compares with the bounds. */
    private static List<NavigableSet<Object>> range(
            SortedIndex index, Object low, boolean lowInclusive, Object high, boolean highInclusive) {
        boolean ascending = index.directions()[0];
        KeyValue lowProbe = low == null
                ? new KeyValue(SortedIndex.Sentinel.LOW)
                : new KeyValue(low, lowInclusive ? SortedIndex.Sentinel.LOW : SortedIndex.Sentinel.HIGH);
        KeyValue highProbe = high == null
                ? new KeyValue(SortedIndex.Sentinel.HIGH)
                : new KeyValue(high, highInclusive ? SortedIndex.Sentinel.HIGH : SortedIndex.Sentinel.LOW);
        if (!ascending) {
            lowProbe = high == null
                    ? new KeyValue(SortedIndex.Sentinel.LOW)
                    : new KeyValue(high, highInclusive ? SortedIndex.Sentinel.LOW : SortedIndex.Sentinel.HIGH);
            highProbe = low == null
                    ? new KeyValue(SortedIndex.Sentinel.HIGH)
                    : new KeyValue(low, lowInclusive ? SortedIndex.Sentinel.HIGH : SortedIndex.Sentinel.LOW);
        }
        List<NavigableSet<Object>> parts = new ArrayList<>();
        if (index.compareTuples(lowProbe, highProbe) > 0) {
            return parts;
        }
        for (Map.Entry<KeyValue, NavigableSet<Object>> entry :
                index.entries().subMap(lowProbe, true, highProbe, true).entrySet()) {
            Object key = entry.getKey().get(0);
            if ((low == null || comparableTypes(key, low)) && (high == null || comparableTypes(key, high))) {
                parts.add(entry.getValue());
            }
        }
        return parts;
    }

    /** As the matcher's rule for $gt/$lt: both present, both numbers or of the same class. */
    private static boolean comparableTypes(Object key, Object bound) {
        if (key == null || bound == null) {
            return false;
        }
        if (key instanceof Number && bound instanceof Number) {
            return true;
        }
        return key.getClass().equals(bound.getClass());
    }

    private static Plan planRegex(SortedIndex index, BsonRegularExpression regex) {
        if (!index.directions()[0]) {
            return null;
        }
        String prefix = literalPrefix(regex.getPattern(), regex.getOptions());
        Literal literal = literalSearch(regex.getPattern(), regex.getOptions());
        Set<Object> positions = new HashSet<>();
        boolean exact = true;
        KeyValue stringsStart = new KeyValue("", SortedIndex.Sentinel.LOW);
        KeyValue stringsEnd = new KeyValue(SortedIndex.Sentinel.STRINGS_END, SortedIndex.Sentinel.LOW);
        KeyValue from = prefix == null ? stringsStart : new KeyValue(prefix, SortedIndex.Sentinel.LOW);
        if (prefix == null) {
            // every string key is tested: from a flat copy of them, quicker to walk than the tree
            // a pattern that is not plain text may still need some text (a literal start): keys without it are skipped
            Literal needed = literal != null ? literal : requiredText(regex.getPattern(), regex.getOptions());
            SortedIndex.StringKeys strings = index.stringKeys();
            int[] matching = strings.matching(regex.getPattern() + "/" + regex.getOptions(), () -> {
                String[] folded = needed != null && needed.ignoreCase() ? strings.folded() : null;
                int[] found = new int[strings.keys().length];
                int count = 0;
                for (int i = 0; i < strings.keys().length; i++) {
                    String key = strings.keys()[i];
                    boolean match =
                            needed == null || (folded != null ? needed.testFolded(key, folded[i]) : needed.test(key));
                    if (match && literal == null) {
                        match = regex.matcher(key).find();
                    }
                    if (match) {
                        found[count++] = i;
                    }
                }
                return Arrays.copyOf(found, count);
            });
            for (int i : matching) {
                positions.addAll(strings.positions().get(i));
            }
        }
        for (Map.Entry<KeyValue, NavigableSet<Object>> entry : prefix == null
                ? Map.<KeyValue, NavigableSet<Object>>of().entrySet()
                : index.entries().subMap(from, true, stringsEnd, false).entrySet()) {
            if (!(entry.getKey().get(0) instanceof String key)) {
                exact = false; // cannot happen: the block holds only strings
                positions.addAll(entry.getValue());
                continue;
            }
            if (prefix != null && !key.startsWith(prefix)) {
                break;
            }
            if (literal != null ? literal.test(key) : regex.matcher(key).find()) {
                positions.addAll(entry.getValue());
            }
        }
        // the matcher tests any other non-null value by its text: keep those as candidates
        for (Map.Entry<KeyValue, NavigableSet<Object>> entry :
                index.entries().headMap(stringsStart, false).entrySet()) {
            if (entry.getKey().get(0) != null) {
                positions.addAll(entry.getValue());
                exact = false;
            }
        }
        for (NavigableSet<Object> group :
                index.entries().tailMap(stringsEnd, true).values()) {
            positions.addAll(group);
            exact = false;
        }
        return new Plan(positions, exact);
    }

    /**
     * For a pattern that is plain text (letters, digits and escaped punctuation, optionally case-insensitive as the
     * wire server's patterns are: {@code CASE_INSENSITIVE} with {@code UNICODE_CASE}), a substring test that answers as the regular expression's
     * {@code find()} does, without a regex engine; null for any other pattern.
     */
    static Literal literalSearch(String pattern, String options) {
        boolean ignoreCase = false;
        if (options != null) {
            for (char option : options.toCharArray()) {
                if (option != 'i') {
                    return null;
                }
                ignoreCase = true;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("\\Q", i)) {
                // quoted text (Pattern.quote): literal up to \E or the end
                int end = pattern.indexOf("\\E", i + 2);
                String quoted = pattern.substring(i + 2, end < 0 ? pattern.length() : end);
                if (quoted.chars().anyMatch(ch -> Character.isSurrogate((char) ch))) {
                    return null;
                }
                text.append(quoted);
                i = end < 0 ? pattern.length() : end + 1;
            } else if (c == '\\') {
                if (i + 1 >= pattern.length() || Character.isLetterOrDigit(pattern.charAt(i + 1))) {
                    return null;
                }
                text.append(pattern.charAt(++i));
            } else if ("[](){}.*+?^$|".indexOf(c) >= 0 || Character.isSurrogate(c)) {
                return null;
            } else {
                text.append(c);
            }
        }
        if (!ignoreCase) {
            return new Literal(text.toString(), false, true);
        }
        boolean idempotent = true;
        for (int i = 0; i < text.length(); i++) {
            char folded = fold(text.charAt(i));
            idempotent &= fold(folded) == folded;
            text.setCharAt(i, folded);
        }
        return new Literal(text.toString(), true, idempotent);
    }

    /**
     * Text every match of {@code pattern} contains: its literal start (letters, digits, escaped punctuation) up to the
     * first other construct, less a last character that construct makes optional; null when there is none, when the
     * pattern has alternatives ({@code |}) or options beyond {@code i}.
     */
    static Literal requiredText(String pattern, String options) {
        if (pattern.indexOf('|') >= 0) {
            return null;
        }
        int start = pattern.startsWith("^") ? 1 : 0;
        StringBuilder text = new StringBuilder();
        int i = start;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && !Character.isLetterOrDigit(pattern.charAt(i + 1))) {
                text.append('\\').append(pattern.charAt(i + 1));
                i += 2;
            } else if (c != '\\' && "[](){}.*+?^$|".indexOf(c) < 0 && !Character.isSurrogate(c)) {
                text.append(c);
                i++;
            } else {
                break;
            }
        }
        if (i < pattern.length() && "*?{".indexOf(pattern.charAt(i)) >= 0 && text.length() > 0) {
            // the last character (or escaped one) may be absent
            int cut = text.length() >= 2 && text.charAt(text.length() - 2) == '\\' ? 2 : 1;
            text.setLength(text.length() - cut);
        }
        return text.length() == 0 ? null : literalSearch(text.toString(), options);
    }

    /**
     * A plain-text pattern: {@code needle} is the text (case-folded when {@code ignoreCase}). When every folded
     * character folds to itself ({@code foldsOnce}), a key matches exactly when its folded copy contains the needle.
     */
    record Literal(String needle, boolean ignoreCase, boolean foldsOnce)
            implements java.util.function.Predicate<String> {

        @Override
        public boolean test(String key) {
            return ignoreCase ? containsFolded(key, needle) : key.contains(needle);
        }

        /** {@link #test} of a key from its folded copy (see {@link IndexedCollection#foldCase}). */
        boolean testFolded(String key, String foldedKey) {
            return !ignoreCase ? key.contains(needle) : foldsOnce ? foldedKey.contains(needle) : test(key);
        }
    }

    /** Each character as {@code CASE_INSENSITIVE | UNICODE_CASE} patterns compare it. */
    static String foldCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = fold(chars[i]);
        }
        return new String(chars);
    }

    private static boolean containsFolded(String haystack, String needle) {
        int last = haystack.length() - needle.length();
        for (int start = 0; start <= last; start++) {
            int i = 0;
            while (i < needle.length()) {
                char c = haystack.charAt(start + i);
                if (c != needle.charAt(i) && fold(c) != needle.charAt(i)) {
                    break;
                }
                i++;
            }
            if (i == needle.length()) {
                return true;
            }
        }
        return false;
    }

    private static final char[] ASCII_FOLDED = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_FOLDED[c] = Character.toLowerCase(Character.toUpperCase(c));
        }
    }

    /** How java.util.regex compares a character under {@code CASE_INSENSITIVE | UNICODE_CASE}. */
    private static char fold(char c) {
        return c < 128 ? ASCII_FOLDED[c] : Character.toLowerCase(Character.toUpperCase(c));
    }

    /**
     * The literal text every match must start with, for a pattern anchored with {@code ^} and no options that change
     * what {@code ^} or letters match; null when there is none.
     */
    static String literalPrefix(String pattern, String options) {
        if (options != null && (options.contains("i") || options.contains("m") || options.contains("x"))) {
            return null;
        }
        if (!pattern.startsWith("^")) {
            return null;
        }
        StringBuilder prefix = new StringBuilder();
        int i = 1;
        int length = pattern.length();
        while (i < length) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("\\Q", i)) {
                int end = pattern.indexOf("\\E", i + 2);
                if (end < 0) {
                    prefix.append(pattern, i + 2, length);
                    i = length;
                    break;
                }
                prefix.append(pattern, i + 2, end);
                i = end + 2;
                continue;
            }
            if (c == '\\') {
                if (i + 1 < length && !Character.isLetterOrDigit(pattern.charAt(i + 1))) {
                    prefix.append(pattern.charAt(i + 1));
                    i += 2;
                    continue;
                }
                break;
            }
            if ("[](){}.*+?^$|".indexOf(c) >= 0) {
                if ((c == '*' || c == '?' || c == '{') && prefix.length() > 0) {
                    prefix.setLength(prefix.length() - 1); // the last character is optional or repeated
                }
                break;
            }
            prefix.append(c);
            i++;
        }
        if (pattern.indexOf('|') >= 0 || prefix.length() == 0) {
            return null;
        }
        return prefix.toString();
    }
}
