package io.mirrormaestro.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2 backend with four fixes: unique indexes in memory (see {@link Database#openOrCreateUniqueIndex}), lookups by
 * {@code _id} (see {@link Collection}), and these two. {@code dropIndexes: "*"} drops only the named collection's indexes: stock 1.47.0 walks
 * the indexes of every collection in the database and fails on the first that is not the named one's
 * (bwaldvogel/mongo-java-server#247), which breaks JobRunr's migration M007. And {@code hello}, which current
 * drivers and Spring Boot's health check send, is answered like the legacy {@code isMaster}.
 */
final class JobRunrCompatibleH2Backend extends H2Backend {

    JobRunrCompatibleH2Backend(String fileName) {
        super(
                fileName == null
                        ? MVStore.open(null)
                        : new MVStore.Builder().fileName(fileName).open());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (command.equalsIgnoreCase("hello")) {
            Document answer = super.handleCommand(channel, databaseName, "isMaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            return answer;
        }
        return super.handleCommand(channel, databaseName, command, query);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), this);
    }

    private static final class Database extends H2Database {

        /** H2Database's constructor already opens the collections, before a field of ours could be set. */
        private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

        private final MVStore store;

        Database(String name, MVStore store, JobRunrCompatibleH2Backend backend) {
            super(name, opening(store), backend.getCursorRegistry());
            OPENING.remove();
            this.store = store;
        }

        private static MVStore opening(MVStore store) {
            OPENING.set(store);
            return store;
        }

        /**
         * Unique indexes (the _id index among them) are hash maps in memory, rebuilt from the documents when the
         * database opens. H2's own index maps compare their keys by Java-serializing both sides, and on a busy
         * system that cost more CPU than everything else the wire server did.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new HashUniqueIndex(indexName, keys, sparse);
        }

        /** As H2Database opens its collections (the same maps), with the _id lookup below. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MVStore mv = store != null ? store : OPENING.get();
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = mv.openMap("databases." + namespace);
            MVMap<String, Object> meta = mv.openMap("meta." + namespace);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        public Document handleCommand(
                Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            if (command.equalsIgnoreCase("dropIndexes") && "*".equals(query.get("index"))) {
                return dropAllSecondaryIndexes((String) query.get(command));
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
        }

        private Document dropAllSecondaryIndexes(String collectionName) {
            MongoCollection<Object> collection = resolveCollection(collectionName, false);
            MongoCollection<Object> indexCollection = indexes.get();
            int before = 0;
            if (collection != null && indexCollection != null) {
                List<Document> own = new ArrayList<>();
                indexCollection
                        .handleQuery(new Document("ns", collection.getFullName()))
                        .forEach(own::add);
                before = own.size();
                for (Document index : own) {
                    Document key = (Document) index.get("key");
                    if (!key.keySet().equals(Set.of("_id"))) {
                        dropIndex(collection, (String) index.get("name"));
                        indexCollection.deleteDocuments(index, -1);
                    }
                }
            }
            Document response = new Document("nIndexesWas", before);
            response.put("ok", 1.0);
            return response;
        }
    }

    private static final class HashUniqueIndex extends AbstractUniqueIndex<Object> {

        private final Map<KeyValue, Object> positions = new ConcurrentHashMap<>();

        HashUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
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
        protected Object removeDocument(KeyValue key) {
            return positions.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return positions.putIfAbsent(key, position) == null;
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

    /**
     * Finds documents by {@code _id} first whenever the query pins it. Stock 1.47.0 uses an index only for a query
     * on exactly the index's keys, so {@code {_id: 7, status: "pending"}} (a conditional update) or {@code {$and:
     * [{_id: 7}, ...]}} scanned the whole collection, and every such write slowed down as the collection grew. Here
     * the _id index narrows the candidates to one document (or the listed ones for {@code $in}), and the whole query
     * is then matched against them as before.
     */
    private static final class Collection extends H2Collection {

        Collection(
                MongoDatabase database,
                String name,
                CollectionOptions options,
                MVMap<Object, Document> data,
                MVMap<String, Object> meta,
                CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            Object id = pinnedId(query);
            if (id != null && !query.keySet().equals(Set.of("_id"))) {
                Document byId = new Document("_id", id);
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(
                                query, index.getPositions(byId), orderBy, skip, limit, batchSize, fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /** The _id a query requires (a value or an {@code $in} list), at the top or in a top-level {@code $and}. */
        private static Object pinnedId(Document query) {
            Object id = query.get("_id");
            if (id != null && (!(id instanceof Document d) || d.keySet().equals(Set.of("$in")))) {
                return id;
            }
            if (query.get("$and") instanceof List<?> all) {
                for (Object part : all) {
                    if (part instanceof Document d && d.size() == 1 && d.containsKey("_id")) {
                        Object inner = pinnedId(d);
                        if (inner != null) {
                            return inner;
                        }
                    }
                }
            }
            return null;
        }
    }
}
