package io.mirrormaestro.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.NumericUtils;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2 backend with six fixes: unique indexes in memory (see {@link Database#openOrCreateUniqueIndex}), secondary
 * (non-unique, compound, sorted) indexes in memory (see {@link SortedIndex}), queries planned over the indexes (see
 * {@link IndexedCollection}), documents written to the file as BSON (see {@link BsonDocumentType}), and these two.
 * {@code dropIndexes: "*"} drops only the named collection's indexes: stock 1.47.0 walks the indexes of every
 * collection in the database and fails on the first that is not the named one's
 * (bwaldvogel/mongo-java-server#247), which breaks JobRunr's migration M007. And {@code hello}, which current
 * drivers and Spring Boot's health check send, is answered like the legacy {@code isMaster}.
 */
final class JobRunrCompatibleH2Backend extends H2Backend {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobRunrCompatibleH2Backend.class);

    /** Aggregations whose field-keeping {@code $project} was passed over to group from an index. */
    static final java.util.concurrent.atomic.AtomicLong INCLUDED_PROJECTION_SKIPPED =
            new java.util.concurrent.atomic.AtomicLong();

    JobRunrCompatibleH2Backend(String fileName) {
        super(open(fileName));
        // H2Backend opened the databases of a file written before (their maps are named databases.*); ours are
        // documents.*: open them at start too, so that their indexes are built now, not on a first request
        getMvStore().getMapNames().stream()
                .filter(name -> name.startsWith(Database.DOCUMENTS))
                .map(name -> Utils.firstFragment(name.substring(Database.DOCUMENTS.length())))
                .distinct()
                .forEach(this::resolveDatabase);
    }

    /** A collection as the wire server holds it (tests look at stored documents through it). */
    @SuppressWarnings("unchecked")
    MongoCollection<Object> collection(String database, String name) {
        MongoDatabase db = resolveDatabase(database);
        MongoCollection<?> found = db.resolveCollection(name, false);
        return (MongoCollection<Object>) (found != null ? found : db.createCollectionOrThrowIfExists(name));
    }

    private static MVStore open(String fileName) {
        if (fileName == null) {
            return MVStore.open(null);
        }
        MVStore store = new MVStore.Builder()
                .fileName(fileName)
                // H2 writes in background threads and closes the store on a failure there: say why
                .backgroundExceptionHandler((thread, e) -> log.error("H2 failed in {}: {}", thread.getName(), e, e))
                .open();
        // writes reach the file within 100 ms (MongoDB's journal interval), not H2's default second: what a kill -9
        // of the process loses
        store.setAutoCommitDelay(100);
        return store;
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

        private static final String DOCUMENTS = "documents.";
        private static final String LEGACY_DOCUMENTS = "databases.";
        private static final String META = "meta.";

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

        /**
         * Non-unique indexes (stock 1.47.0 ignores them) are sorted maps in memory, rebuilt from the documents when
         * the database opens and used by {@link IndexedCollection}'s query planner.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new SortedIndex(indexName, keys, sparse, "_id");
        }

        /**
         * As H2Database opens its collections, but with the documents in BSON (see {@link BsonDocumentType}) in a map
         * of their own, {@code documents.<namespace>}; a file written before keeps them Java-serialized in {@code
         * databases.<namespace>}, which is copied over once and then removed.
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MVStore mv = store != null ? store : OPENING.get();
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = documents(mv, namespace);
            MVMap<String, Object> meta = mv.openMap(META + namespace);
            return new IndexedCollection(this, collectionName, options, data, meta, cursorRegistry);
        }

        private static MVMap<Object, Document> documents(MVStore mv, String namespace) {
            MVMap<Object, Document> data = openDocuments(mv, DOCUMENTS + namespace);
            String legacyName = LEGACY_DOCUMENTS + namespace;
            if (mv.hasMap(legacyName)) {
                // copied over what the map holds, never instead of it: the old map may also be what an older
                // version wrote after a downgrade, beside the documents of this one (its entries win, being newer);
                // a copy cut short is made again, as the old map is removed only once the copy is in the file
                MVMap<Object, Document> legacy = mv.openMap(legacyName);
                data.putAll(legacy);
                mv.commit();
                mv.removeMap(legacy);
                mv.commit();
                log.info("{}: documents rewritten from Java serialization to BSON ({} now)", namespace, data.size());
            }
            return data;
        }

        private static MVMap<Object, Document> openDocuments(MVStore mv, String name) {
            return mv.openMap(name, new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            String name = DOCUMENTS + getFullCollectionNamespace(collectionName);
            if (store.hasMap(name)) {
                store.removeMap(name);
            }
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String oldNamespace = collection.getFullName();
            super.moveCollection(oldDatabase, collection, newCollectionName);
            String newNamespace = getFullCollectionNamespace(newCollectionName);
            // H2Database left an (empty) legacy map under the new name: the next open would copy it over ours
            if (store.hasMap(LEGACY_DOCUMENTS + newNamespace)) {
                store.removeMap(LEGACY_DOCUMENTS + newNamespace);
            }
            store.renameMap(openDocuments(store, DOCUMENTS + oldNamespace), DOCUMENTS + newNamespace);
        }

        @Override
        public void drop(Oplog oplog) {
            super.drop(oplog);
            for (String name : List.copyOf(store.getMapNames())) {
                if (name.startsWith(DOCUMENTS + getDatabaseName() + ".")) {
                    store.removeMap(name);
                }
            }
        }

        @Override
        public Document handleCommand(
                Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            if (command.equalsIgnoreCase("dropIndexes") && "*".equals(query.get("index"))) {
                return dropAllSecondaryIndexes((String) query.get(command));
            }
            if (command.equalsIgnoreCase("aggregate")) {
                Document answer = aggregateFromIndexes(channel, command, query, resolver, oplog);
                if (answer != null) {
                    return answer;
                }
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
        }

        /**
         * {@code [$match, $group, …]} or {@code [$group, …]} whose group one index can answer (see {@link
         * IndexedGroup}) reads no document: the rest of the pipeline runs on the groups. Otherwise a pipeline that
         * starts with {@code $match} starts from the documents the indexes find for it (the stage still matches each),
         * instead of from every document; {@code [$match, $group]} that only counts (a constant {@code _id}, {@code
         * $sum} of constants: what {@code countDocuments} sends) reads no document at all when the indexes answer the
         * match exactly. Null when none of this applies.
         */
        private Document aggregateFromIndexes(
                Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            if (!(query.get(command) instanceof String collectionName)
                    || !(query.get("pipeline") instanceof List<?> pipeline)
                    || pipeline.isEmpty()
                    || !(resolveCollection(collectionName, false) instanceof IndexedCollection collection)) {
                return null;
            }
            Document match = pipeline.get(0) instanceof Document first
                            && first.keySet().equals(Set.of("$match"))
                            && first.get("$match") instanceof Document m
                    ? m
                    : null;
            int groupAt = match == null ? 0 : 1;
            // a projection that keeps fields, between the match and the group, changes nothing the group reads when
            // it keeps what the group groups by (JobRunr counts its jobs by state so: $match, $project, $group)
            Set<String> kept = pipeline.size() > groupAt + 1 ? inclusion(pipeline.get(groupAt)) : null;
            if (kept != null
                    && pipeline.get(groupAt + 1) instanceof Document next
                    && next.get("$group") instanceof Document nextGroup
                    && IndexedGroup.of(nextGroup) != null
                    && kept.containsAll(IndexedGroup.of(nextGroup).fields())) {
                groupAt++;
            }
            if (match != null && pipeline.size() == 2 && isCountingGroup(pipeline.get(1))) {
                // what countDocuments sends: the plan's size, no set of positions made
                int count = collection.exactCount(match);
                if (count >= 0) {
                    return countAnswer(collection, (Document) ((Document) pipeline.get(1)).get("$group"), count);
                }
            }
            if (pipeline.size() > groupAt
                    && pipeline.get(groupAt) instanceof Document stage
                    && stage.keySet().equals(Set.of("$group"))
                    && stage.get("$group") instanceof Document group) {
                IndexedGroup grouping = IndexedGroup.of(group);
                List<Document> rows = grouping == null ? null : grouping.answer(collection, match);
                if (rows != null) {
                    Document rest = new Document(query);
                    rest.put("pipeline", new ArrayList<>(pipeline.subList(groupAt + 1, pipeline.size())));
                    INCLUDED_PROJECTION_SKIPPED.addAndGet(groupAt - (match == null ? 0 : 1));
                    Document answer = runOn(collection, rows, channel, command, rest, resolver, oplog);
                    if (IndexedCollection.VERIFY) {
                        Document scanned = super.handleCommand(channel, command, query, resolver, oplog);
                        if (!firstBatch(scanned).equals(firstBatch(answer))) {
                            throw new IllegalStateException("indexed group " + firstBatch(answer) + " != scan "
                                    + firstBatch(scanned) + " for " + pipeline + " in " + collection.getFullName());
                        }
                    }
                    return answer;
                }
            }
            if (match == null) {
                return null;
            }
            collection.startNextAggregationFrom(() -> collection.handleQueryAsStream(match));
            try {
                return super.handleCommand(channel, command, query, resolver, oplog);
            } finally {
                collection.clearAggregationSource();
            }
        }

        /**
         * The fields a {@code $project} stage keeps when it only keeps fields ({@code {field: 1, …}}, {@code _id}
         * kept or not), else null.
         */
        private static Set<String> inclusion(Object stage) {
            if (!(stage instanceof Document d)
                    || !d.keySet().equals(Set.of("$project"))
                    || !(d.get("$project") instanceof Document projection)) {
                return null;
            }
            Set<String> kept = new java.util.HashSet<>();
            for (Map.Entry<String, Object> field : projection.entrySet()) {
                Object value = field.getValue();
                boolean keep = Boolean.TRUE.equals(value) || (value instanceof Number n && n.doubleValue() != 0);
                boolean drop = Boolean.FALSE.equals(value) || (value instanceof Number n && n.doubleValue() == 0);
                if (field.getKey().equals("_id") && (keep || drop)) {
                    continue;
                }
                if (!keep || field.getKey().startsWith("$") || field.getKey().contains(".")) {
                    return null;
                }
                kept.add(field.getKey());
            }
            return kept.isEmpty() ? null : kept;
        }

        private Document runOn(
                IndexedCollection collection,
                List<Document> documents,
                Channel channel,
                String command,
                Document query,
                DatabaseResolver resolver,
                Oplog oplog) {
            collection.startNextAggregationFrom(documents::stream);
            try {
                return super.handleCommand(channel, command, query, resolver, oplog);
            } finally {
                collection.clearAggregationSource();
            }
        }

        private static Object firstBatch(Document answer) {
            return answer.get("cursor") instanceof Document cursor ? cursor.get("firstBatch") : answer;
        }

        /** What the stock {@code $group} answers for {@code count} documents: each {@code $sum} of a constant. */
        private static Document countAnswer(IndexedCollection collection, Document group, int count) {
            List<Document> batch = new ArrayList<>();
            if (count > 0) {
                Document row = new Document("_id", group.get("_id"));
                for (Map.Entry<String, Object> accumulator : group.entrySet()) {
                    if (!accumulator.getKey().equals("_id")) {
                        Number each = (Number) ((Document) accumulator.getValue()).get("$sum");
                        row.put(accumulator.getKey(), NumericUtils.multiplyNumbers(each, count));
                    }
                }
                batch.add(row);
            }
            Document cursor = new Document("id", 0L);
            cursor.put("ns", collection.getFullName());
            cursor.put("firstBatch", batch);
            Document response = new Document("cursor", cursor);
            response.put("ok", 1.0);
            return response;
        }

        private static boolean isCountingGroup(Object stage) {
            if (!(stage instanceof Document d)
                    || !d.keySet().equals(Set.of("$group"))
                    || !(d.get("$group") instanceof Document group)
                    || !group.containsKey("_id")) {
                return false;
            }
            Object id = group.get("_id");
            if (!(id == null
                    || id instanceof Number
                    || id instanceof Boolean
                    || (id instanceof String text && !text.startsWith("$")))) {
                return false;
            }
            for (Map.Entry<String, Object> accumulator : group.entrySet()) {
                if (!accumulator.getKey().equals("_id")
                        && !(accumulator.getValue() instanceof Document sum
                                && sum.keySet().equals(Set.of("$sum"))
                                && sum.get("$sum") instanceof Number)) {
                    return false;
                }
            }
            return true;
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
}
