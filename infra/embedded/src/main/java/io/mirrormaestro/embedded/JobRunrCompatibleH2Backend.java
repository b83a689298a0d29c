package io.mirrormaestro.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * H2 backend with two fixes. {@code dropIndexes: "*"} drops only the named collection's indexes: stock 1.47.0 walks
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

        Database(String name, MVStore store, JobRunrCompatibleH2Backend backend) {
            super(name, store, backend.getCursorRegistry());
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
}
