package io.mirrormaestro.embedded;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A unique index as a hash map in memory, rebuilt from the documents when the database opens. H2's own index maps
 * compare their keys by Java-serializing both sides, and on a busy system that cost more CPU than everything else the
 * wire server did. The {@code _id} index also keeps its positions in {@code _id} order, for sorted walks.
 */
final class HashUniqueIndex extends AbstractUniqueIndex<Object> {

    private final Map<KeyValue, Object> positions = new ConcurrentHashMap<>();
    private final boolean isIdIndex;
    private NavigableSet<Object> ordered;

    HashUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.isIdIndex = keys.size() == 1 && keys.get(0).getKey().equals("_id");
    }

    /** Called by the collection before the index is filled; only the {@code _id} index keeps an order. */
    synchronized void naturalOrder(Comparator<Object> natural) {
        if (isIdIndex) {
            ordered = new TreeSet<>(SortedIndex.positionOrder(natural));
            ordered.addAll(positions.values());
        }
    }

    /** The positions in {@code _id} order (null if this is not the {@code _id} index). */
    NavigableSet<Object> ordered() {
        return ordered;
    }

    boolean sparse() {
        return isSparse();
    }

    /** The position of the document with this key value (a single-key index), or null. */
    Object positionOf(Object value) {
        return positions.get(new KeyValue(value).normalized());
    }

    @Override
    public long getCount() {
        return positions.size();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return positions.size();
    }

    @Override
    protected synchronized Object removeDocument(KeyValue key) {
        Object position = positions.remove(key);
        if (position != null && ordered != null) {
            ordered.remove(position);
        }
        return position;
    }

    @Override
    protected synchronized boolean putKeyPosition(KeyValue key, Object position) {
        boolean added = positions.putIfAbsent(key, position) == null;
        if (added && ordered != null) {
            ordered.add(position);
        }
        return added;
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return positions.get(key);
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }
}
