package io.mirrormaestro.embedded;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.NumericUtils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.aggregation.Expression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;

/**
 * {@code [$match, $group]} (or a lone {@code $group}) answered from one secondary index without reading the
 * documents, when the stage only groups by top-level fields and only counts ({@code $sum} of a constant) or takes the
 * {@code $max}/{@code $min} of a top-level field, and one index holds every field named. An index entry is a key tuple
 * and the set of documents that have it, so a group is summed from entries: the cost is the number of distinct keys
 * (or of matched documents), not of documents read from the store.
 *
 * <p>The answer is the stock {@code $group}'s, row for row and in its order (by {@code _id}): a missing field and an
 * explicit null are told apart as the stock {@code _id} document does; numbers, which the index holds normalised,
 * are read back from one document of their group so that their type is the stored one.
 */
final class IndexedGroup {

    /** How many groups were answered from an index. */
    static final java.util.concurrent.atomic.AtomicLong ANSWERED = new java.util.concurrent.atomic.AtomicLong();

    private enum Kind {
        SUM,
        MAX,
        MIN
    }

    private record Accumulator(String name, Kind kind, Object operand) {}

    private final Object idExpression;
    /** The grouped fields, for a {@code "$field"} or {@code {name: "$field", …}} id; empty for a constant id. */
    private final List<String> keyFields;

    private final boolean documentId;
    /** The names in an {@code _id} document, in order. */
    private final List<String> keyNames;

    private final List<Accumulator> accumulators;

    /** See {@link SortedIndex#setsInStoreOrder()}: read once per answer. */
    private boolean setsInStoreOrder;

    private IndexedGroup(
            Object idExpression, List<String> keyFields, boolean documentId, List<Accumulator> accumulators) {
        this.idExpression = idExpression;
        this.keyFields = keyFields;
        this.documentId = documentId;
        this.keyNames = documentId ? List.copyOf(((Document) idExpression).keySet()) : List.of();
        this.accumulators = accumulators;
    }

    /** The stage's reading, or null when it groups or accumulates by anything but plain top-level fields. */
    static IndexedGroup of(Document group) {
        if (!group.containsKey("_id")) {
            return null;
        }
        Object id = group.get("_id");
        List<String> keyFields = new ArrayList<>();
        boolean documentId = false;
        if (id instanceof String text && text.startsWith("$")) {
            String field = field(text);
            if (field == null) {
                return null;
            }
            keyFields.add(field);
        } else if (id instanceof Document d) {
            if (d.isEmpty()) {
                return null;
            }
            for (Map.Entry<String, Object> e : d.entrySet()) {
                String field = e.getValue() instanceof String text ? field(text) : null;
                if (e.getKey().startsWith("$") || e.getKey().contains(".") || field == null) {
                    return null;
                }
                keyFields.add(field);
            }
            documentId = true;
        } else if (!(id == null || id instanceof Number || id instanceof Boolean || id instanceof String)) {
            return null;
        }
        List<Accumulator> accumulators = new ArrayList<>();
        for (Map.Entry<String, Object> e : group.entrySet()) {
            if (e.getKey().equals("_id")) {
                continue;
            }
            if (!(e.getValue() instanceof Document operator) || operator.size() != 1) {
                return null;
            }
            String op = operator.keySet().iterator().next();
            Object operand = operator.get(op);
            if (op.equals("$sum") && operand instanceof Number) {
                accumulators.add(new Accumulator(e.getKey(), Kind.SUM, operand));
            } else if ((op.equals("$max") || op.equals("$min"))
                    && operand instanceof String text
                    && field(text) != null) {
                accumulators.add(new Accumulator(e.getKey(), op.equals("$max") ? Kind.MAX : Kind.MIN, field(text)));
            } else {
                return null;
            }
        }
        return new IndexedGroup(id, keyFields, documentId, accumulators);
    }

    /** {@code "$a"} → {@code a}; null for paths, variables and the {@code _id}. */
    private static String field(String reference) {
        if (!reference.startsWith("$") || reference.startsWith("$$")) {
            return null;
        }
        String field = reference.substring(1);
        return field.isEmpty() || field.contains(".") || field.equals("_id") ? null : field;
    }

    /** The rows of the stock {@code $group} over the documents matching {@code match}, or null if no index serves. */
    /** The document fields the group reads. */
    Set<String> fields() {
        Set<String> needed = new LinkedHashSet<>(keyFields);
        accumulators.stream().filter(a -> a.kind() != Kind.SUM).forEach(a -> needed.add((String) a.operand()));
        return needed;
    }

    List<Document> answer(IndexedCollection collection, Document match) {
        Set<String> needed = fields();
        synchronized (collection) {
            SortedIndex index = indexFor(collection, needed);
            if (index == null) {
                return null;
            }
            Set<Object> matching = null;
            if (match != null && !match.isEmpty()) {
                IndexedCollection.Plan plan = collection.plan(match);
                if (plan == null || !plan.exact()) {
                    return null;
                }
                matching = plan.positions();
            }
            synchronized (index) {
                if (!index.usable() || !index.irregular().isEmpty()) {
                    return null;
                }
                ANSWERED.incrementAndGet();
                List<Document> extremes = matching == null ? extremes(collection, index) : null;
                return extremes != null ? extremes : rows(collection, index, matching);
            }
        }
    }

    private static SortedIndex indexFor(IndexedCollection collection, Set<String> fields) {
        SortedIndex best = null;
        for (Index<Object> candidate : collection.getIndexes()) {
            if (candidate instanceof SortedIndex sorted
                    && sorted.usable()
                    && sorted.irregular().isEmpty()
                    && sorted.fields().containsAll(fields)
                    && (best == null || sorted.entries().size() < best.entries().size())) {
                best = sorted;
            }
        }
        return best;
    }

    /**
     * Groups by the index's first fields that only take the {@code $max}/{@code $min} of the next field: each group
     * is a range of entries in that field's order, so its extremes are found at the range's ends, one lookup per
     * group instead of a walk over every entry. Null when the group has another shape, or a grouped value is null
     * (a missing field and an explicit null would have to be told apart).
     */
    private List<Document> extremes(IndexedCollection collection, SortedIndex index) {
        int k = keyFields.size();
        List<String> fields = index.fields();
        if (accumulators.isEmpty()
                || fields.size() <= k
                || !new java.util.HashSet<>(fields.subList(0, k)).equals(new java.util.HashSet<>(keyFields))
                || accumulators.stream()
                        .anyMatch(a -> a.kind() == Kind.SUM || !a.operand().equals(fields.get(k)))) {
            return null;
        }
        int[] keyAt = keyFields.stream().mapToInt(fields::indexOf).toArray();
        boolean ascending = index.directions()[k];
        setsInStoreOrder = index.setsInStoreOrder();
        Comparator<Object> natural = collection.naturalOrder();
        NavigableMap<KeyValue, NavigableSet<Object>> entries = index.entries();
        Map<List<Object>, Tally> groups = new HashMap<>();
        KeyValue cursor = entries.isEmpty() ? null : entries.firstKey();
        while (cursor != null) {
            List<Object> prefix = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (cursor.get(i) == null) {
                    return null;
                }
                prefix.add(cursor.get(i));
            }
            NavigableMap<KeyValue, NavigableSet<Object>> group = entries.subMap(
                    probe(prefix, SortedIndex.Sentinel.LOW), true, probe(prefix, SortedIndex.Sentinel.HIGH), true);
            // nulls (no value: skipped by $max and $min) sort first ascending, last descending
            Map.Entry<KeyValue, NavigableSet<Object>> lowest = ascending
                    ? group.higherEntry(probe(prefix, null, SortedIndex.Sentinel.HIGH))
                    : group.lowerEntry(probe(prefix, null, SortedIndex.Sentinel.LOW));
            Map.Entry<KeyValue, NavigableSet<Object>> highest = ascending ? group.lastEntry() : group.firstEntry();
            Tally tally = new Tally();
            tally.first = earliest(positionsOf(group), natural);
            for (int i = 0; i < accumulators.size(); i++) {
                Map.Entry<KeyValue, NavigableSet<Object>> end =
                        accumulators.get(i).kind() == Kind.MAX ? highest : lowest;
                if (end != null && end.getKey().get(k) != null) {
                    tally.best[i] = end.getKey().get(k);
                    tally.bestAt[i] = earliest(end.getValue(), natural);
                }
            }
            Object[] key = new Object[k];
            for (int i = 0; i < k; i++) {
                key[i] = cursor.get(keyAt[i]);
            }
            groups.put(Arrays.asList(key), tally);
            cursor = entries.higherKey(probe(prefix, SortedIndex.Sentinel.HIGH));
        }
        List<Document> rows = new ArrayList<>();
        groups.forEach((key, tally) -> rows.add(row(collection, key, tally)));
        Comparator<Object> byId = ValueComparator.asc();
        rows.sort((a, b) -> byId.compare(a.get("_id"), b.get("_id")));
        return rows;
    }

    /** Every position of a group (its first in the store's order is all {@link #earliest} needs when sets agree). */
    @SuppressWarnings("unchecked")
    private Collection<Object> positionsOf(NavigableMap<KeyValue, NavigableSet<Object>> group) {
        if (setsInStoreOrder) {
            Object first = null;
            for (NavigableSet<Object> positions : group.values()) {
                Object candidate = positions.first();
                if (first == null || ((Comparable<Object>) candidate).compareTo(first) < 0) {
                    first = candidate;
                }
            }
            return List.of(first);
        }
        List<Object> all = new ArrayList<>();
        group.values().forEach(all::addAll);
        return all;
    }

    private static KeyValue probe(List<Object> prefix, Object... more) {
        List<Object> components = new ArrayList<>(prefix);
        components.addAll(Arrays.asList(more));
        return new KeyValue(components);
    }

    /** One group's running state: documents counted, the first of them, and each accumulator's best so far. */
    private final class Tally {
        long count;
        Object first;
        final Object[] best = new Object[accumulators.size()];
        final Object[] bestAt = new Object[accumulators.size()];
    }

    private List<Document> rows(IndexedCollection collection, SortedIndex index, Set<Object> matching) {
        setsInStoreOrder = index.setsInStoreOrder();
        List<String> fields = index.fields();
        int[] keyAt = keyFields.stream().mapToInt(fields::indexOf).toArray();
        int keyMask = 0;
        for (int at : keyAt) {
            keyMask |= at < Integer.SIZE ? 1 << at : 0;
        }
        int[] operandAt = accumulators.stream()
                .mapToInt(a -> a.kind() == Kind.SUM ? -1 : fields.indexOf((String) a.operand()))
                .toArray();
        Comparator<Object> natural = collection.naturalOrder();
        Map<List<Object>, Tally> groups = new HashMap<>();
        // fewer matches than indexed documents: look up each match's key rather than test every document
        boolean fromMatches = matching != null && matching.size() < index.getCount();
        if (fromMatches) {
            Map<KeyValue, List<Object>> byKey = new HashMap<>();
            for (Object position : matching) {
                for (KeyValue key : index.keysOf(position)) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(position);
                }
            }
            for (Map.Entry<KeyValue, List<Object>> e : byKey.entrySet()) {
                add(groups, e.getKey(), e.getValue(), index, keyAt, keyMask, operandAt, natural);
            }
        } else {
            // entries come in index order: neighbours often share their group, which then needs no lookup
            KeyValue previousKey = null;
            Tally previous = null;
            for (Map.Entry<KeyValue, NavigableSet<Object>> entry :
                    index.entries().entrySet()) {
                Collection<Object> positions = entry.getValue();
                if (matching != null) {
                    positions = new ArrayList<>();
                    for (Object position : entry.getValue()) {
                        if (matching.contains(position)) {
                            positions.add(position);
                        }
                    }
                }
                if (positions.isEmpty()) {
                    continue;
                }
                KeyValue key = entry.getKey();
                if (previous != null && sameGroup(key, previousKey, keyAt)) {
                    tally(previous, key, positions, operandAt, natural);
                } else {
                    previous = add(groups, key, positions, index, keyAt, keyMask, operandAt, natural);
                    previousKey = key;
                }
            }
        }
        List<Document> rows = new ArrayList<>();
        for (Map.Entry<List<Object>, Tally> group : groups.entrySet()) {
            rows.add(row(collection, group.getKey(), group.getValue()));
        }
        Comparator<Object> byId = ValueComparator.asc();
        rows.sort((a, b) -> byId.compare(a.get("_id"), b.get("_id")));
        return rows;
    }

    /** Adds documents that share one key tuple; those with explicit nulls in grouped fields form their own groups. */
    private Tally add(
            Map<List<Object>, Tally> groups,
            KeyValue key,
            Collection<Object> positions,
            SortedIndex index,
            int[] keyAt,
            int keyMask,
            int[] operandAt,
            Comparator<Object> natural) {
        boolean nullInKey = false;
        for (int at : keyAt) {
            nullInKey |= key.get(at) == null;
        }
        if (!nullInKey || !documentId) {
            Tally tally = groups.computeIfAbsent(groupKey(key, keyAt, 0), k -> new Tally());
            tally(tally, key, positions, operandAt, natural);
            return tally;
        }
        Map<Integer, List<Object>> byNulls = new HashMap<>();
        for (Object position : positions) {
            byNulls.computeIfAbsent(index.explicitNulls(position) & keyMask, k -> new ArrayList<>())
                    .add(position);
        }
        byNulls.forEach((nulls, some) -> tally(
                groups.computeIfAbsent(groupKey(key, keyAt, nulls), k -> new Tally()), key, some, operandAt, natural));
        return null;
    }

    /** Whether two key tuples agree on every grouped component (none of them null, so no explicit-null split). */
    private static boolean sameGroup(KeyValue key, KeyValue other, int[] keyAt) {
        for (int at : keyAt) {
            Object value = key.get(at);
            if (value == null || !value.equals(other.get(at))) {
                return false;
            }
        }
        return true;
    }

    /** The key components, a missing field as {@link Absent#MISSING} unless its bit in {@code explicitNulls} is set. */
    private List<Object> groupKey(KeyValue key, int[] keyAt, int explicitNulls) {
        Object[] components = new Object[keyAt.length];
        for (int i = 0; i < keyAt.length; i++) {
            Object value = key.get(keyAt[i]);
            boolean explicit = keyAt[i] < Integer.SIZE && (explicitNulls & (1 << keyAt[i])) != 0;
            components[i] = value == null && documentId && !explicit ? Absent.MISSING : value;
        }
        return Arrays.asList(components);
    }

    private enum Absent {
        MISSING
    }

    private void tally(
            Tally tally, KeyValue key, Collection<Object> positions, int[] operandAt, Comparator<Object> natural) {
        Object earliest = earliest(positions, natural);
        tally.count += positions.size();
        if (tally.first == null || natural.compare(earliest, tally.first) < 0) {
            tally.first = earliest;
        }
        Comparator<Object> order = ValueComparator.ascWithoutListHandling();
        for (int i = 0; i < operandAt.length; i++) {
            if (operandAt[i] < 0) {
                continue;
            }
            Object value = key.get(operandAt[i]);
            if (value == null) {
                continue; // $max and $min skip null and missing values
            }
            int c = 1;
            if (tally.best[i] != null) {
                c = order.compare(value, tally.best[i]);
                c = accumulators.get(i).kind() == Kind.MIN ? -c : c;
            }
            // equal values: the stock accumulator keeps the first document's (they may differ in number type)
            if (c > 0 || (c == 0 && natural.compare(earliest, tally.bestAt[i]) < 0)) {
                tally.best[i] = value;
                tally.bestAt[i] = earliest;
            }
        }
    }

    /** The first position in the store's order (an entry's set is in that order when all ids are of one kind). */
    private Object earliest(Collection<Object> positions, Comparator<Object> natural) {
        if (setsInStoreOrder && positions instanceof NavigableSet<Object> ordered) {
            return ordered.first();
        }
        Object earliest = null;
        for (Object position : positions) {
            if (earliest == null || natural.compare(position, earliest) < 0) {
                earliest = position;
            }
        }
        return earliest;
    }

    private Document row(IndexedCollection collection, List<Object> groupKey, Tally tally) {
        Document row = new Document();
        if (groupKey.stream().anyMatch(c -> c instanceof Number)) {
            // the index holds numbers normalised (as doubles): the stock answer carries the first document's value
            row.put("_id", Expression.evaluateDocument(idExpression, collection.documentAt(tally.first)));
        } else if (documentId) {
            Document id = new Document();
            for (int i = 0; i < keyFields.size(); i++) {
                if (groupKey.get(i) != Absent.MISSING) {
                    id.put(keyNames.get(i), groupKey.get(i));
                }
            }
            row.put("_id", id);
        } else if (keyFields.isEmpty()) {
            row.put("_id", idExpression);
        } else {
            row.put("_id", groupKey.get(0));
        }
        for (int i = 0; i < accumulators.size(); i++) {
            Accumulator accumulator = accumulators.get(i);
            Object value;
            if (accumulator.kind() == Kind.SUM) {
                value = NumericUtils.multiplyNumbers((Number) accumulator.operand(), countAsNumber(tally.count));
            } else if (tally.best[i] instanceof Number) {
                value = collection.documentAt(tally.bestAt[i]).get((String) accumulator.operand());
            } else {
                value = tally.best[i];
            }
            row.put(accumulator.name(), value);
        }
        return row;
    }

    private static Number countAsNumber(long count) {
        return count <= Integer.MAX_VALUE ? (Number) (int) count : (Number) count;
    }
}
