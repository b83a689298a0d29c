package io.mirrormaestro.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the embedded store keeps documents in its file: BSON, and files of earlier versions read once and rewritten. */
class DocumentFileTest {

    @TempDir
    Path dataDir;

    /** One document of every BSON type the services write. */
    private static Document everyType(int i) {
        return new Document("_id", (long) i)
                .append("text", "mirror-" + i)
                .append("int", i)
                .append("long", 10_000_000_000L + i)
                .append("double", i + 0.25)
                .append("flag", i % 2 == 0)
                .append(
                        "at",
                        Date.from(Instant.parse("2026-12-07T10:15:30.123Z").plusSeconds(i)))
                .append("oid", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("uuid", new UUID(7, i))
                .append("nothing", null)
                .append("decimal", Decimal128.parse("12.50"))
                .append("bytes", new Binary(new byte[] {1, 2, (byte) i}))
                .append("nested", new Document("status", i % 3 == 0 ? "failed" : "ok").append("n", List.of(1, 2L, "x")))
                .append("tags", List.of("a", "b" + i));
    }

    /** {@code count} documents of every type, {@code _id} 0 to count - 1. */
    private static List<Document> documentsOfEveryType(int count) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(everyType(i));
        }
        return documents;
    }

    private static MongoClient client(int port) {
        return MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + port))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .build());
    }

    @Test
    void documentsOfEveryTypeComeBackAfterARestart() {
        Path file = dataDir.resolve("types.mv");
        List<Document> written = documentsOfEveryType(500);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0);
                MongoClient client = client(mongo.port())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
            c.createIndex(Indexes.ascending("nested.status"));
            c.insertMany(written);
            // an update of a field no index holds, and one of the indexed nested field
            c.updateOne(Filters.eq("_id", 3L), Updates.set("text", "renamed"));
            c.updateOne(Filters.eq("_id", 4L), Updates.set("nested.status", "failed"));
            written.get(3).put("text", "renamed");
            ((Document) written.get(4).get("nested")).put("status", "failed");
        }
        for (int open = 0; open < 2; open++) {
            readBack(file, written, open, c -> {
                assertThat(c.countDocuments(Filters.eq("nested.status", "failed")))
                        .isEqualTo(written.stream()
                                .filter(d -> ((Document) d.get("nested"))
                                        .get("status")
                                        .equals("failed"))
                                .count());
                assertThat(c.find(Filters.eq("text", "renamed")).first()).containsEntry("_id", 3L);
            });
        }
        assertThat(mapNames(file)).contains("documents.t.c").noneMatch(name -> name.startsWith("databases."));
    }

    @Test
    void aFileWrittenByTheStockBackendIsRewrittenOnceAndKeepsItsDocuments() {
        Path file = dataDir.resolve("legacy.mv");
        List<Document> written = documentsOfEveryType(300);
        // as versions before BSON wrote it: H2's own types, the documents Java-serialized in databases.<namespace>
        H2Backend stock = new H2Backend(file.toString());
        MongoServer server = new MongoServer(stock);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        try (MongoClient client = client(server.getLocalAddress().getPort())) {
            client.getDatabase("t").getCollection("c").insertMany(written);
            client.getDatabase("t").getCollection("c").createIndex(Indexes.ascending("int"));
        } finally {
            server.shutdown();
        }
        assertThat(mapNames(file)).contains("databases.t.c");

        for (int open = 0; open < 2; open++) {
            readBack(file, written, open, c -> assertThat(
                            c.find(Filters.gte("int", 295)).into(new ArrayList<>()))
                    .hasSize(5));
            assertThat(mapNames(file))
                    .as("after open %d", open)
                    .contains("documents.t.c")
                    .doesNotContain("databases.t.c");
        }
    }

    @Test
    void documentsWrittenByAnOlderVersionAfterADowngradeAreKeptBesideTheNewerOnes() {
        Path file = dataDir.resolve("downgrade.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0);
                MongoClient client = client(mongo.port())) {
            client.getDatabase("t").getCollection("c").insertMany(List.of(everyType(1), everyType(2)));
        }
        // an older version knows only databases.<namespace>: it sees an empty collection and writes there
        H2Backend older = new H2Backend(file.toString());
        MongoServer server = new MongoServer(older);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        try (MongoClient client = client(server.getLocalAddress().getPort())) {
            client.getDatabase("t").getCollection("c").insertOne(everyType(3));
        } finally {
            server.shutdown();
        }
        readBack(file, List.of(everyType(1), everyType(2), everyType(3)), 0, c -> {});
        readBack(file, List.of(everyType(1), everyType(2), everyType(3)), 1, c -> {});
    }

    @Test
    void aRenamedCollectionKeepsItsDocumentsAcrossARestart() {
        Path file = dataDir.resolve("rename.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0);
                MongoClient client = client(mongo.port())) {
            client.getDatabase("t").getCollection("before").insertOne(everyType(1));
            client.getDatabase("t")
                    .getCollection("before")
                    .renameCollection(new com.mongodb.MongoNamespace("t", "after"));
            client.getDatabase("t").getCollection("gone").insertOne(everyType(2));
            client.getDatabase("t").getCollection("gone").drop();
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0);
                MongoClient client = client(mongo.port())) {
            assertThat(client.getDatabase("t").getCollection("after").find().first())
                    .isEqualTo(everyType(1));
            assertThat(client.getDatabase("t").getCollection("before").countDocuments())
                    .isZero();
            assertThat(client.getDatabase("t").getCollection("gone").countDocuments())
                    .isZero();
        }
        assertThat(mapNames(file))
                .contains("documents.t.after")
                .doesNotContain("documents.t.before", "documents.t.gone");
    }

    @Test
    void updatesReplaceAStoredDocumentInsteadOfChangingIt() {
        // H2 encodes stored documents in a background thread, and replies are encoded after the collection is
        // released: a document changed in place while either reads it fails or is written half-changed
        JobRunrCompatibleH2Backend backend =
                new JobRunrCompatibleH2Backend(dataDir.resolve("cow.mv").toString());
        try {
            var collection = backend.collection("t", "c");
            collection.insertDocuments(
                    List.of(new de.bwaldvogel.mongo.bson.Document("_id", 1L)
                            .append("v", 1)
                            .append("nested", new de.bwaldvogel.mongo.bson.Document("n", 1))),
                    true);
            de.bwaldvogel.mongo.bson.Document stored = single(collection, 1L);

            collection.updateDocuments(
                    new de.bwaldvogel.mongo.bson.Document("_id", 1L),
                    new de.bwaldvogel.mongo.bson.Document(
                            "$set", new de.bwaldvogel.mongo.bson.Document("v", 2).append("nested.n", 2)),
                    de.bwaldvogel.mongo.backend.ArrayFilters.empty(),
                    false,
                    false,
                    de.bwaldvogel.mongo.oplog.NoopOplog.get());
            assertThat(stored).containsEntry("v", 1);
            assertThat((de.bwaldvogel.mongo.bson.Document) stored.get("nested")).containsEntry("n", 1);
            de.bwaldvogel.mongo.bson.Document updated = single(collection, 1L);
            assertThat(updated).containsEntry("v", 2);

            collection.findAndModify(
                    new de.bwaldvogel.mongo.bson.Document("query", new de.bwaldvogel.mongo.bson.Document("_id", 1L))
                            .append(
                                    "update",
                                    new de.bwaldvogel.mongo.bson.Document(
                                            "$inc", new de.bwaldvogel.mongo.bson.Document("v", 1))));
            assertThat(updated).containsEntry("v", 2);
            assertThat(single(collection, 1L)).containsEntry("v", 3);
        } finally {
            backend.close();
        }
    }

    private static de.bwaldvogel.mongo.bson.Document single(
            de.bwaldvogel.mongo.MongoCollection<Object> collection, long id) {
        List<de.bwaldvogel.mongo.bson.Document> found = new ArrayList<>();
        collection.handleQuery(new de.bwaldvogel.mongo.bson.Document("_id", id)).forEach(found::add);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** Opens the file, finds every document as written in collection t.c, then runs the further checks. */
    private static void readBack(
            Path file,
            List<Document> written,
            int open,
            java.util.function.Consumer<MongoCollection<Document>> checks) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0);
                MongoClient client = client(mongo.port())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
            assertThat(c.find().sort(new Document("_id", 1)).into(new ArrayList<>()))
                    .as("open %d", open)
                    .isEqualTo(written);
            checks.accept(c);
        }
    }

    private static List<String> mapNames(Path file) {
        MVStore store =
                new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return new ArrayList<>(store.getMapNames());
        } finally {
            store.close();
        }
    }
}
