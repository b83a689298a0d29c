package io.mirrormaestro.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test of the embedded store's indexes: the same random documents and writes go to a collection with
 * secondary, compound and descending indexes and to one with only the {@code _id} index (every query a full scan);
 * every random query (find with sort, skip and limit; count; distinct) must answer the same on both, in the same
 * order, before and after the file is opened again.
 */
class IndexedQueriesTest {

    private static final String[] FIELDS = {"a", "b", "c", "s"};
    private static final Date T0 = new Date(1_700_000_000_000L);

    @TempDir
    Path dataDir;

    @Test
    void indexedAnswersEqualFullScansUnderRandomWritesAndAfterReopening() {
        long planned = IndexedCollection.PLANNED.get();
        long walked = IndexedCollection.WALKED.get();
        long counted = IndexedCollection.COUNTED.get();
        long walkedSecondary = IndexedCollection.WALKED_SECONDARY.get();
        long grouped = IndexedGroup.ANSWERED.get();
        long compound = IndexedCollection.COMPOUND.get();
        long compoundRange = IndexedCollection.COMPOUND_RANGE.get();
        long compoundIn = IndexedCollection.COMPOUND_IN.get();
        for (long seed = 1; seed <= 8; seed++) {
            Path file = dataDir.resolve("seed-" + seed + ".mv");
            Random random = new Random(seed);
            scalarsOnly = seed % 2 == 0; // then the sorted walks over secondary indexes run too
            // every third seed walks the indexes in order whatever the plan's size (as large collections do)
            IndexedCollection.walkAbove = seed % 3 == 0 ? 0 : 256;
            try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0);
                    MongoClient client = MongoClients.create(mongo.connectionString())) {
                MongoDatabase db = client.getDatabase("prop");
                MongoCollection<Document> indexed = db.getCollection("indexed");
                MongoCollection<Document> scanned = db.getCollection("scanned");
                scanned.insertOne(new Document("_id", -1L));
                scanned.deleteOne(Filters.eq("_id", -1L));
                indexed.createIndex(new Document("a", 1));
                indexed.createIndex(new Document("s", 1));
                indexed.createIndex(new Document("b", -1));
                indexed.createIndex(new Document("a", 1).append("b", -1));
                indexed.createIndex(new Document("c", 1).append("a", 1));
                List<Document> seedDocs = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    seedDocs.add(randomDocument(random, i));
                }
                indexed.insertMany(copies(seedDocs));
                scanned.insertMany(copies(seedDocs));
                for (int round = 0; round < 60; round++) {
                    compareQueries(db, indexed, scanned, random, 15);
                    String write = randomWrite(random, indexed, scanned);
                    sameContents(indexed, scanned, write);
                }
            }
            try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0);
                    MongoClient client = MongoClients.create(mongo.connectionString())) {
                MongoDatabase db = client.getDatabase("prop");
                compareQueries(db, db.getCollection("indexed"), db.getCollection("scanned"), random, 300);
            }
        }
        IndexedCollection.walkAbove = 256;
        // the indexes were used, not just kept
        assertThat(IndexedCollection.PLANNED.get() - planned).isGreaterThan(1000);
        assertThat(IndexedCollection.WALKED.get() - walked).isGreaterThan(100);
        assertThat(IndexedCollection.COUNTED.get() - counted).isGreaterThan(100);
        assertThat(IndexedCollection.WALKED_SECONDARY.get() - walkedSecondary).isGreaterThan(100);
        assertThat(IndexedGroup.ANSWERED.get() - grouped).isGreaterThan(100);
        assertThat(IndexedCollection.COMPOUND.get() - compound).isGreaterThan(50);
        assertThat(IndexedCollection.COMPOUND_RANGE.get() - compoundRange).isGreaterThan(20);
        assertThat(IndexedCollection.COMPOUND_IN.get() - compoundIn).isGreaterThan(20);
    }

    @Test
    void lookupsByUuidReadNoOtherDocument() {
        Path file = dataDir.resolve("uuids.mv");
        Random random = new Random(7);
        List<java.util.UUID> ids = new ArrayList<>();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> commands = client.getDatabase("uuids").getCollection("commands");
            commands.createIndex(new Document("command_id", 1));
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                java.util.UUID id = new java.util.UUID(random.nextLong(), random.nextLong());
                ids.add(id);
                docs.add(new Document("_id", uuid(id))
                        .append("command_id", uuid(ids.get(i / 2)))
                        .append("status", i % 3 == 0 ? "failed" : "succeeded"));
            }
            commands.insertMany(docs);
            long scanned = ScanLog.SCANNED.get();
            for (int i = 0; i < 200; i++) {
                java.util.UUID id = ids.get(random.nextInt(ids.size()));
                assertThat(commands.find(Filters.eq("_id", uuid(id))).into(new ArrayList<>()))
                        .singleElement()
                        .satisfies(d -> assertThat(d.get("_id")).isEqualTo(uuid(id)));
                assertThat(commands.find(Filters.and(Filters.eq("_id", uuid(id)), Filters.ne("status", "running")))
                                .into(new ArrayList<>()))
                        .hasSize(1);
                assertThat(commands.countDocuments(Filters.eq("command_id", uuid(id))))
                        .isEqualTo(ids.indexOf(id) < 1000 ? 2 : 0);
                assertThat(commands.find(Filters.in("_id", uuid(id), uuid(ids.get(0))))
                                .into(new ArrayList<>()))
                        .hasSize(id.equals(ids.get(0)) ? 1 : 2);
            }
            commands.updateOne(Filters.eq("_id", uuid(ids.get(5))), Updates.set("status", "running"));
            commands.deleteOne(Filters.eq("_id", uuid(ids.get(6))));
            assertThat(ScanLog.SCANNED.get() - scanned)
                    .as("documents read by full scans")
                    .isZero();
            assertThat(commands.find(Filters.eq("status", "running")).into(new ArrayList<>()))
                    .singleElement()
                    .satisfies(d -> assertThat(d.get("_id")).isEqualTo(uuid(ids.get(5))));
            assertThat(commands.countDocuments(Filters.eq("_id", uuid(ids.get(6)))))
                    .isZero();
        }
    }

    @Test
    void aCompoundUniqueIndexAnswersQueriesOnItsLeadingKeys() {
        Path file = dataDir.resolve("prefixes.mv");
        for (int open = 0; open < 2; open++) {
            try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0);
                    MongoClient client = MongoClients.create(mongo.connectionString())) {
                MongoCollection<Document> mirrors =
                        client.getDatabase("prefixes").getCollection("mirrors");
                if (open == 0) {
                    mirrors.createIndex(
                            new Document("source", 1).append("project", 1).append("direction", 1),
                            new com.mongodb.client.model.IndexOptions().unique(true));
                    mirrors.createIndex(new Document("lifecycle", 1));
                    List<Document> docs = new ArrayList<>();
                    for (int i = 0; i < 3000; i++) {
                        docs.add(new Document("_id", (long) i)
                                .append("source", (long) (i % 2))
                                .append("project", (long) (i / 2))
                                .append("direction", i % 3 == 0 ? "pull" : "push")
                                .append("lifecycle", "active"));
                    }
                    mirrors.insertMany(docs);
                }
                long read = ScanLog.READ.get();
                for (long project = 0; project < 1500; project += 7) {
                    List<Document> found = mirrors.find(Filters.and(
                                    Filters.eq("source", 1L),
                                    Filters.eq("project", project),
                                    Filters.eq("lifecycle", "active")))
                            .into(new ArrayList<>());
                    assertThat(found).hasSize(1);
                    assertThat(found.get(0).getLong("project")).isEqualTo(project);
                    assertThat(found.get(0).getLong("source")).isEqualTo(1L);
                }
                assertThat(ScanLog.READ.get() - read)
                        .as("documents read for 215 lookups by the index's two leading keys (open %d)", open)
                        .isLessThanOrEqualTo(215);
                // still unique on all three keys
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> mirrors.insertOne(new Document("_id", -5L)
                                .append("source", 0L)
                                .append("project", 0L)
                                .append("direction", "pull")))
                        .hasMessageContaining("E11000");
                mirrors.dropIndex("source_1_project_1_direction_1");
                assertThat(mirrors.countDocuments(Filters.and(Filters.eq("source", 0L), Filters.eq("project", 3L))))
                        .isEqualTo(1);
                mirrors.createIndex(
                        new Document("source", 1).append("project", 1).append("direction", 1),
                        new com.mongodb.client.model.IndexOptions().unique(true));
            }
        }
    }

    @Test
    void aPageSortedWithinAnEqualityReadsOnlyThePage() {
        Path file = dataDir.resolve("jobs.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> jobs = client.getDatabase("jobs").getCollection("jobs");
            jobs.createIndex(new Document("state", 1).append("updatedAt", 1));
            Random random = new Random(3);
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                docs.add(new Document("_id", (long) i)
                        .append("state", i % 4 == 0 ? "SUCCEEDED" : "ENQUEUED")
                        .append("updatedAt", (long) random.nextInt(500)));
            }
            jobs.insertMany(docs);
            for (int direction : new int[] {1, -1}) {
                java.util.Comparator<Document> byUpdate =
                        java.util.Comparator.comparingLong(d -> d.getLong("updatedAt"));
                List<Long> expected = docs.stream()
                        .filter(d -> d.getString("state").equals("ENQUEUED"))
                        .sorted(direction > 0 ? byUpdate : byUpdate.reversed())
                        .map(d -> d.getLong("updatedAt"))
                        .limit(100)
                        .toList();
                long walked = IndexedCollection.WALKED_UNDER.get();
                long read = ScanLog.READ.get();
                List<Document> page = jobs.find(Filters.eq("state", "ENQUEUED"))
                        .sort(new Document("updatedAt", direction))
                        .limit(100)
                        .into(new ArrayList<>());
                assertThat(page)
                        .allSatisfy(d -> assertThat(d.getString("state")).isEqualTo("ENQUEUED"));
                assertThat(page.stream().map(d -> d.getLong("updatedAt")).toList())
                        .isEqualTo(expected);
                assertThat(IndexedCollection.WALKED_UNDER.get() - walked).isEqualTo(1);
                assertThat(ScanLog.READ.get() - read)
                        .as("documents read beyond the page")
                        .isZero();
            }
        }
    }

    @Test
    void jobCountsByStateAreGroupedFromTheIndexThroughAFieldKeepingProjection() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir.resolve("counts.mv"), 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase db = client.getDatabase("counts");
            MongoCollection<Document> indexed = db.getCollection("jobs");
            MongoCollection<Document> scanned = db.getCollection("scanned");
            indexed.createIndex(new Document("state", 1).append("updatedAt", 1));
            List<Document> docs = new ArrayList<>();
            String[] states = {"ENQUEUED", "PROCESSING", "SUCCEEDED", "FAILED"};
            for (int i = 0; i < 2000; i++) {
                Document job = new Document("_id", (long) i).append("updatedAt", (long) i);
                if (i % 50 != 0) { // some without a state, some with an explicit null
                    job.append("state", states[i % 7 % 4]);
                } else if (i % 100 == 0) {
                    job.append("state", null);
                }
                docs.add(job);
            }
            indexed.insertMany(copies(docs));
            scanned.insertMany(copies(docs));
            List<Bson> pipeline = List.of(
                    com.mongodb.client.model.Aggregates.match(Filters.ne("state", null)),
                    com.mongodb.client.model.Aggregates.project(com.mongodb.client.model.Projections.fields(
                            com.mongodb.client.model.Projections.excludeId(),
                            com.mongodb.client.model.Projections.include("state"))),
                    com.mongodb.client.model.Aggregates.group(
                            "$state", com.mongodb.client.model.Accumulators.sum("state", 1)),
                    com.mongodb.client.model.Aggregates.limit(10));
            long skipped = JobRunrCompatibleH2Backend.INCLUDED_PROJECTION_SKIPPED.get();
            long read = ScanLog.READ.get();
            List<Document> fromIndex = indexed.aggregate(pipeline).into(new ArrayList<>());
            assertThat(ScanLog.READ.get() - read).as("documents read").isZero();
            assertThat(JobRunrCompatibleH2Backend.INCLUDED_PROJECTION_SKIPPED.get() - skipped)
                    .isEqualTo(1);
            assertThat(fromIndex)
                    .hasSize(4)
                    .isEqualTo(scanned.aggregate(pipeline).into(new ArrayList<>()));
        }
    }

    /** A UUID as the driver sends it with the standard representation (binary subtype 4). */
    private static org.bson.types.Binary uuid(java.util.UUID id) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return new org.bson.types.Binary((byte) 4, bytes.array());
    }

    @Test
    void literalSearchesAnswerAsTheWireServersPatterns() {
        List<String> keys = List.of(
                "group-1/Project-42",
                "GROUP-1/project-4",
                "kelvin-\u212a",
                "straße",
                "ſtrasse",
                "a.b",
                "axb",
                "",
                "p-4");
        for (String pattern : List.of(
                "project\\-4",
                "P\\-4",
                "k",
                "K",
                "S",
                "a\\.b",
                "ß",
                "\\/project",
                Pattern.quote("Project-4"),
                Pattern.quote("a.b"),
                "\\Qa.b")) {
            for (String options : List.of("", "i")) {
                var literal = IndexedCollection.literalSearch(pattern, options);
                assertThat(literal).as(pattern).isNotNull();
                Pattern regex = Pattern.compile(
                        pattern, Pattern.UNICODE_CASE | (options.contains("i") ? Pattern.CASE_INSENSITIVE : 0));
                for (String key : keys) {
                    assertThat(literal.test(key))
                            .as(pattern + " /" + options + " on " + key)
                            .isEqualTo(regex.matcher(key).find());
                    assertThat(literal.testFolded(key, IndexedCollection.foldCase(key)))
                            .as("folded " + pattern + " /" + options + " on " + key)
                            .isEqualTo(regex.matcher(key).find());
                }
            }
        }
        assertThat(IndexedCollection.literalSearch("a.b", "")).isNull();
        assertThat(IndexedCollection.literalSearch("\\d", "")).isNull();
        assertThat(IndexedCollection.literalSearch("\\Qa\\E", "").needle()).isEqualTo("a");
        assertThat(IndexedCollection.literalSearch("ab", "m")).isNull();
    }

    @Test
    void requiredTextIsInEveryMatch() {
        assertThat(IndexedCollection.requiredText("project\\-42.*/", "i").needle())
                .isEqualTo("project-42");
        assertThat(IndexedCollection.requiredText("ab*c", "").needle()).isEqualTo("a");
        assertThat(IndexedCollection.requiredText("a\\.?b", "").needle()).isEqualTo("a");
        assertThat(IndexedCollection.requiredText("^abc[0-9]", "").needle()).isEqualTo("abc");
        assertThat(IndexedCollection.requiredText("a*", "")).isNull();
        assertThat(IndexedCollection.requiredText("ab|cd", "")).isNull();
        assertThat(IndexedCollection.requiredText("[ab]c", "")).isNull();
        assertThat(IndexedCollection.requiredText("abc", "m")).isNull();
    }

    @Test
    void literalPrefixes() {
        assertThat(IndexedCollection.literalPrefix("^\\Qgroup-7\\E/", "")).isEqualTo("group-7/");
        assertThat(IndexedCollection.literalPrefix("^abc", null)).isEqualTo("abc");
        assertThat(IndexedCollection.literalPrefix("^ab*", null)).isEqualTo("a");
        assertThat(IndexedCollection.literalPrefix("^ab+", null)).isEqualTo("ab");
        assertThat(IndexedCollection.literalPrefix("^a\\.b", null)).isEqualTo("a.b");
        assertThat(IndexedCollection.literalPrefix("^a\\db", null)).isEqualTo("a");
        assertThat(IndexedCollection.literalPrefix("^abc", "i")).isNull();
        assertThat(IndexedCollection.literalPrefix("^abc", "m")).isNull();
        assertThat(IndexedCollection.literalPrefix("abc", null)).isNull();
        assertThat(IndexedCollection.literalPrefix("^ab|cd", null)).isNull();
        assertThat(IndexedCollection.literalPrefix("^a?", null)).isNull();
    }

    private static List<Document> copies(List<Document> docs) {
        List<Document> out = new ArrayList<>();
        for (Document d : docs) {
            out.add(Document.parse(d.toJson()));
        }
        return out;
    }

    private static Document randomDocument(Random random, long id) {
        Document d = new Document("_id", id);
        for (String field : FIELDS) {
            Object value = randomValue(random, field);
            if (value != MISSING) {
                d.append(field, value);
            }
        }
        return d;
    }

    private static final Object MISSING = new Object();

    /** No arrays or embedded documents in the indexed fields. */
    private static boolean scalarsOnly;

    private static Object randomValue(Random random, String field) {
        if (field.equals("s")) {
            return switch (random.nextInt(10)) {
                case 0 -> MISSING;
                case 1 -> null;
                case 2 -> 42L;
                case 3 -> scalarsOnly ? "group-1/p" : List.of("group-1/p", "x");
                default ->
                    "group-" + random.nextInt(4) + (random.nextBoolean() ? "/project-" : "0/Project-")
                            + random.nextInt(30);
            };
        }
        return switch (random.nextInt(scalarsOnly ? 9 : 14)) {
            case 0 -> MISSING;
            case 1 -> null;
            case 2 -> random.nextInt(5);
            case 3 -> (long) random.nextInt(5);
            case 4 -> random.nextInt(5) + 0.5;
            case 5 -> (double) random.nextInt(5);
            case 6 -> "v" + random.nextInt(4);
            case 7 -> random.nextBoolean();
            case 8 -> new Date(T0.getTime() + random.nextInt(5) * 1000L);
            case 9 -> field.equals("c") ? List.of(random.nextInt(3), "v1") : "v0";
            case 10 -> field.equals("c") ? List.of() : 2;
            case 11 -> new Document("x", random.nextInt(2));
            default -> random.nextInt(3);
        };
    }

    private static Object randomOperand(Random random, String field) {
        Object value;
        do {
            value = randomValue(random, field);
        } while (value == MISSING);
        return value;
    }

    private static Bson randomCondition(Random random, int depth) {
        String field = FIELDS[random.nextInt(FIELDS.length)];
        int kind = random.nextInt(depth < 2 ? 18 : 14);
        return switch (kind) {
            case 0, 1, 2 -> Filters.eq(field, randomOperand(random, field));
            case 3 -> Filters.in(field, randomOperand(random, field), randomOperand(random, field));
            case 4 -> Filters.gt(field, randomOperand(random, field));
            case 5 -> Filters.gte(field, randomOperand(random, field));
            case 6 -> Filters.lt(field, randomOperand(random, field));
            case 7 -> Filters.and(Filters.gte(field, randomOperand(random, field)), Filters.lte(field, 4));
            case 8 ->
                Filters.regex(
                        "s",
                        Pattern.compile(
                                random.nextBoolean()
                                        ? "^" + Pattern.quote("group-" + random.nextInt(4)) + "/"
                                        : Pattern.quote("project-" + random.nextInt(30)),
                                random.nextBoolean() ? Pattern.CASE_INSENSITIVE : 0));
            case 9 -> Filters.regex(field, random.nextBoolean() ? "^v" : random.nextBoolean() ? "4" : "roup.*/p");
            case 10 -> Filters.ne(field, random.nextBoolean() ? null : randomOperand(random, field));
            case 11 -> Filters.exists(field, random.nextBoolean());
            case 12 -> Filters.in("_id", (long) random.nextInt(320), (long) random.nextInt(320));
            case 13 ->
                Filters.regex(
                        "s",
                        random.nextBoolean() ? "p\\-" + random.nextInt(30) : "oup\\-" + random.nextInt(4) + "/p",
                        random.nextBoolean() ? "i" : "");
            case 16 -> Filters.nor(randomCondition(random, depth + 1));
            case 14 -> Filters.or(randomCondition(random, depth + 1), randomCondition(random, depth + 1));
            case 15 -> Filters.and(randomCondition(random, depth + 1), randomCondition(random, depth + 1));
            default -> Filters.and(randomCondition(random, depth + 1), Filters.eq("c", randomOperand(random, "c")));
        };
    }

    private static Bson randomFilter(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> new Document();
            case 1 -> randomCondition(random, 0);
            case 2 -> Filters.and(randomCondition(random, 0), randomCondition(random, 0));
            case 3 -> Filters.or(randomCondition(random, 1), randomCondition(random, 1));
            default -> Filters.and(randomCondition(random, 0), randomCondition(random, 1), randomCondition(random, 1));
        };
    }

    private static Document randomSort(Random random) {
        int dir = random.nextBoolean() ? 1 : -1;
        int idDir = random.nextBoolean() ? 1 : -1;
        return switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> new Document("_id", dir);
            case 2 -> new Document("a", dir).append("_id", idDir);
            case 3 -> new Document("s", dir).append("_id", idDir);
            case 4 -> new Document("a", dir).append("b", -dir).append("_id", idDir);
            case 5 -> new Document("b", dir).append("_id", idDir);
            case 6 -> new Document("a", dir).append("b", dir).append("_id", idDir);
            case 7 -> new Document("b", dir);
            default -> new Document("c", dir);
        };
    }

    private static void compareQueries(
            MongoDatabase db,
            MongoCollection<Document> indexed,
            MongoCollection<Document> scanned,
            Random random,
            int queries) {
        for (int q = 0; q < queries; q++) {
            Bson filter = randomFilter(random);
            Document sort = randomSort(random);
            int skip = random.nextInt(3) == 0 ? random.nextInt(40) : 0;
            int limit = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(30);
            String what = filter.toBsonDocument().toJson() + " sort " + sort + " skip " + skip + " limit " + limit;
            var i = indexed.find(filter).skip(skip).limit(limit);
            var s = scanned.find(filter).skip(skip).limit(limit);
            if (sort != null) {
                i = i.sort(sort);
                s = s.sort(sort);
            }
            var finalI = i;
            var finalS = s;
            // a sort over mixed arrays can break TimSort's contract in the stock server: then both must fail
            assertThat(answer(() -> finalI.into(new ArrayList<>())))
                    .as(what)
                    .isEqualTo(answer(() -> finalS.into(new ArrayList<>())));
            Document countI = db.runCommand(new Document("count", "indexed").append("query", filter));
            Document countS = db.runCommand(new Document("count", "scanned").append("query", filter));
            assertThat(countI.get("n")).as("count " + what).isEqualTo(countS.get("n"));
            Document countLimited = db.runCommand(new Document("count", "indexed")
                    .append("query", filter)
                    .append("skip", 3)
                    .append("limit", 5));
            Document countLimitedS = db.runCommand(new Document("count", "scanned")
                    .append("query", filter)
                    .append("skip", 3)
                    .append("limit", 5));
            assertThat(countLimited.get("n")).as("count/skip/limit " + what).isEqualTo(countLimitedS.get("n"));
            for (List<Document> pipeline : List.of(
                    List.of(
                            new Document("$match", filter),
                            new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1)))),
                    List.of(
                            new Document("$match", filter),
                            new Document("$group", new Document("_id", "$b").append("n", new Document("$sum", 1))),
                            new Document("$sort", new Document("_id", 1))),
                    // groups an index answers without reading documents (see IndexedGroup)
                    List.of(
                            new Document("$match", filter),
                            new Document(
                                    "$group",
                                    new Document("_id", new Document("a", "$a").append("b", "$b"))
                                            .append("n", new Document("$sum", 1))
                                            .append("hi", new Document("$max", "$b"))
                                            .append("lo", new Document("$min", "$a")))),
                    List.of(new Document(
                            "$group",
                            new Document("_id", "$c")
                                    .append("n", new Document("$sum", 2))
                                    .append("m", new Document("$max", "$a")))),
                    // extremes only: found at the ends of each group's range of entries
                    List.of(new Document(
                            "$group",
                            new Document("_id", "$a")
                                    .append("hi", new Document("$max", "$b"))
                                    .append("lo", new Document("$min", "$b")))),
                    List.of(new Document(
                            "$group",
                            new Document("_id", new Document("c", "$c")).append("m", new Document("$max", "$a")))),
                    List.of(new Document(
                            "$group",
                            new Document("_id", null)
                                    .append("lo", new Document("$min", "$s"))
                                    .append("hi", new Document("$max", "$s")))),
                    List.of(
                            new Document("$match", filter),
                            new Document(
                                    "$group",
                                    new Document("_id", new Document("x", "$s")).append("n", new Document("$sum", 1))),
                            new Document("$sort", new Document("n", -1).append("_id", 1)),
                            new Document("$limit", 5)),
                    List.of(
                            new Document("$match", filter),
                            new Document("$group", new Document("_id", null).append("n", new Document("$sum", 1)))))) {
                assertThat(answer(() -> indexed.aggregate(pipeline).into(new ArrayList<>())))
                        .as("aggregate " + pipeline + " " + what)
                        .isEqualTo(answer(() -> scanned.aggregate(pipeline).into(new ArrayList<>())));
            }
            if (q % 5 == 0) {
                assertThat(indexed.distinct("a", filter, org.bson.BsonValue.class)
                                .into(new ArrayList<>()))
                        .as("distinct " + what)
                        .isEqualTo(scanned.distinct("a", filter, org.bson.BsonValue.class)
                                .into(new ArrayList<>()));
            }
        }
    }

    private static Object answer(java.util.function.Supplier<Object> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            return "failed";
        }
    }

    private static void sameContents(
            MongoCollection<Document> indexed, MongoCollection<Document> scanned, String after) {
        List<Document> i = indexed.find().into(new ArrayList<>());
        List<Document> s = scanned.find().into(new ArrayList<>());
        for (int n = 0; n < Math.min(i.size(), s.size()); n++) {
            assertThat(i.get(n)).as("document " + n + " after " + after).isEqualTo(s.get(n));
        }
        assertThat(i).hasSameSizeAs(s);
    }

    private static String randomWrite(
            Random random, MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
        Bson filter = randomFilter(random);
        String field = FIELDS[random.nextInt(FIELDS.length)];
        Object value = randomOperand(random, field);
        Bson update = random.nextInt(4) == 0 ? Updates.unset(field) : Updates.set(field, value);
        int kind = random.nextInt(7);
        String what = kind + " " + filter.toBsonDocument().toJson() + " "
                + update.toBsonDocument().toJson();
        switch (kind) {
            case 0 -> {
                long matchedI = indexed.updateMany(filter, update).getModifiedCount();
                long matchedS = scanned.updateMany(filter, update).getModifiedCount();
                assertThat(matchedI).isEqualTo(matchedS);
            }
            case 1 -> {
                // upserts build their new documents from the filter: only equality filters make sense
                Bson eq = Filters.eq("a", randomOperand(random, "a"));
                Bson upsert =
                        Updates.combine(update, Updates.setOnInsert("_id", 2_000_000L + random.nextInt(1_000_000)));
                indexed.updateOne(eq, upsert, new UpdateOptions().upsert(true));
                scanned.updateOne(eq, upsert, new UpdateOptions().upsert(true));
            }
            case 2 -> {
                long deletedI = indexed.deleteMany(filter).getDeletedCount();
                long deletedS = scanned.deleteMany(filter).getDeletedCount();
                assertThat(deletedI).isEqualTo(deletedS);
            }
            case 3 -> {
                List<Document> docs = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(20); i++) {
                    docs.add(randomDocument(random, 1000 + random.nextInt(1_000_000)));
                }
                docs = docs.stream()
                        .filter(d ->
                                indexed.find(Filters.eq("_id", d.get("_id"))).first() == null)
                        .distinct()
                        .toList();
                if (!docs.isEmpty()
                        && docs.stream().map(d -> d.get("_id")).distinct().count() == docs.size()) {
                    indexed.insertMany(copies(docs));
                    scanned.insertMany(copies(docs));
                }
            }
            case 4 -> {
                Document replacement = randomDocument(random, 0);
                replacement.remove("_id");
                long id = random.nextInt(320);
                indexed.replaceOne(
                        Filters.eq("_id", id), copies(List.of(replacement)).get(0), new ReplaceOptions().upsert(true));
                scanned.replaceOne(
                        Filters.eq("_id", id), copies(List.of(replacement)).get(0), new ReplaceOptions().upsert(true));
            }
            case 5 -> {
                FindOneAndUpdateOptions options = new FindOneAndUpdateOptions()
                        .sort(new Document("a", 1).append("_id", 1))
                        .returnDocument(ReturnDocument.AFTER);
                Document i = indexed.findOneAndUpdate(filter, update, options);
                Document s = scanned.findOneAndUpdate(filter, update, options);
                assertThat(i).isEqualTo(s);
            }
            default -> {
                indexed.deleteOne(filter);
                scanned.deleteOne(filter);
            }
        }
        return what;
    }
}
