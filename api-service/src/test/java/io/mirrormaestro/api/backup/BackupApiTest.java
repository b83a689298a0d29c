package io.mirrormaestro.api.backup;

import static io.mirrormaestro.api.GitLabFixture.GITLAB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.testing.ApiClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Backup and restore through the REST API on the real stack, in a database of its own (the restore drops and
 * rewrites configuration): a round trip after dropping everything, a dry run against a changed installation, and every
 * kind of refused archive leaving the database exactly as it was.
 */
@TestPropertySource(properties = "mm.api.backup-test=own-database")
class BackupApiTest extends ApiIntegrationTest {

    private static final String PASSPHRASE = "correct horse battery staple";
    private static final List<String> CONFIG =
            List.of("instances", "pairs", "group_tokens", "group_defaults", "mirrors", "notification_channels");

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TokenCipher cipher;

    ApiClient api;
    BackupClient backups;
    String groupToken;
    long current;
    long pair;

    @BeforeEach
    void estate() {
        for (String c : CONFIG) {
            mongo.dropCollection(c);
        }
        mongo.dropCollection("sequences");
        api = new ApiClient(port, USER, PASSWORD);
        backups = new BackupClient(port, USER, PASSWORD);
        current = id(api.post(
                "/api/instances",
                "{\"name\":\"current\",\"url\":\"" + GITLAB.url() + "\",\"token\":\"" + GITLAB.apiToken + "\"}"));
        long legacy = id(api.post(
                "/api/instances",
                "{\"name\":\"legacy\",\"url\":\"" + GITLAB.legacy.baseUrl() + "\",\"token\":\"" + GITLAB.legacyApiToken
                        + "\"}"));
        pair = id(api.post(
                "/api/pairs",
                "{\"name\":\"current to legacy\",\"source_instance_id\":" + current + ",\"target_instance_id\":"
                        + legacy + ",\"mirror_direction\":\"push\"}"));
        groupToken = GITLAB.groupToken("platform", LocalDate.now().plusDays(60));
        id(api.post(
                "/api/tokens",
                "{\"gitlab_instance_id\":" + current
                        + ",\"group_path\":\"platform\",\"token_name\":\"mirror-platform\",\"token\":\"" + groupToken
                        + "\"}"));
        id(api.post(
                "/api/group-defaults",
                "{\"instance_pair_id\":" + pair + ",\"group_path\":\"platform\",\"mirror_overwrite_diverged\":true}"));
        Instant now = Instant.now();
        mongo.insert(new MirrorRecord(
                1_000,
                pair,
                current,
                legacy,
                11,
                "platform/core/auth",
                12,
                "platform/core/auth",
                "push",
                MirrorRecord.Overrides.NONE,
                true,
                MirrorRecord.ACTIVE,
                77L,
                null,
                null,
                "finished",
                now,
                now,
                now,
                null,
                now,
                List.of(),
                false,
                false,
                now,
                now));
        // a secret inside an embedded document, as notification channels keep theirs
        mongo.getCollection("notification_channels")
                .insertOne(new Document("_id", 1L)
                        .append("name", "ops webhook")
                        .append(
                                "webhook",
                                new Document("url", "https://hooks.example/x")
                                        .append("encrypted_secret", cipher.encrypt("webhook-signing-secret"))));
        // a worker of this installation holds the mirror right now
        mongo.updateFirst(
                org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id")
                                .is(1_000L)),
                new Update().set("lock_owner", "worker-1").set("lock_until", new java.util.Date()),
                "mirrors");
    }

    @Test
    void roundTripsIntoTheSameInstallationAfterItsDataIsDropped() throws IOException {
        var download = backups.download(PASSPHRASE);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"mirror-maestro-backup-");
        byte[] archive = download.body();
        Map<String, byte[]> entries = unzip(archive);
        assertThat(entries)
                .containsKeys(
                        "manifest.json",
                        "collections/instances.jsonl",
                        "collections/pairs.jsonl",
                        "collections/group_tokens.jsonl",
                        "collections/group_defaults.jsonl",
                        "collections/mirrors.jsonl");
        String everything = entries.values().stream()
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .reduce("", String::concat);
        assertThat(everything)
                .as("no token in plain text, none under the at-rest key")
                .doesNotContain(GITLAB.apiToken, groupToken, GITLAB.legacyApiToken, "webhook-signing-secret")
                .doesNotContain(stored("instances", current));
        JsonNode manifest = ApiClient.JSON.readTree(entries.get("manifest.json"));
        assertThat(manifest.path("version").asInt()).isEqualTo(1);
        assertThat(manifest.path("kdf").path("algorithm").asString()).isEqualTo("PBKDF2WithHmacSHA256");

        BackupClient.Answer same = backups.restore(archive, PASSPHRASE, true);
        assertThat(same.status()).as(same.text()).isEqualTo(200);
        assertThat(collection(same.body(), "instances")
                        .path("unchanged")
                        .path("count")
                        .asLong())
                .isEqualTo(2);
        assertThat(collection(same.body(), "mirrors")
                        .path("unchanged")
                        .path("count")
                        .asLong())
                .as("a worker's lock is not part of the state")
                .isEqualTo(1);
        assertThat(same.body().path("conflicts").size()).isZero();

        for (String c : CONFIG) {
            mongo.dropCollection(c);
        }
        mongo.dropCollection("sequences");
        BackupClient.Answer dryRun = backups.restore(archive, PASSPHRASE, true);
        assertThat(dryRun.status()).as(dryRun.text()).isEqualTo(200);
        assertThat(dryRun.body().path("dry_run").asBoolean()).isTrue();
        JsonNode instances = collection(dryRun.body(), "instances");
        assertThat(instances.path("created").path("count").asLong()).isEqualTo(2);
        assertThat(names(instances.path("created"))).containsExactly("current", "legacy");
        assertThat(names(collection(dryRun.body(), "mirrors").path("created")))
                .containsExactly("platform/core/auth → platform/core/auth (push)");
        assertThat(mongo.getCollection("instances").countDocuments())
                .as("a dry run writes nothing")
                .isZero();

        BackupClient.Answer restored = backups.restore(archive, PASSPHRASE, false);
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        assertThat(restored.body().path("dry_run").asBoolean()).isFalse();
        assertThat(restored.body().path("secrets").asLong()).isEqualTo(4);
        Document channel = mongo.getCollection("notification_channels").find().first();
        assertThat(cipher.decrypt(channel.get("webhook", Document.class).getString("encrypted_secret")))
                .isEqualTo("webhook-signing-secret");

        InstanceRecord instance = mongo.findById(current, InstanceRecord.class);
        assertThat(cipher.decrypt(instance.encryptedToken())).isEqualTo(GITLAB.apiToken);
        GroupTokenRecord token = mongo.findAll(GroupTokenRecord.class).get(0);
        assertThat(cipher.decrypt(token.encryptedToken())).isEqualTo(groupToken);
        Document mirror = mongo.getCollection("mirrors").find().first();
        assertThat(mirror).doesNotContainKeys("lock_owner", "lock_until");
        assertThat(mirror.getLong("mirror_id")).isEqualTo(77L);
        assertThat(api.get("/api/pairs/" + pair).body().path("name").asString()).isEqualTo("current to legacy");
        assertThat(api.get("/api/group-defaults?instance_pair_id=" + pair)
                        .body()
                        .size())
                .isEqualTo(1);
        long newPair = id(api.post(
                "/api/pairs",
                "{\"name\":\"after restore\",\"source_instance_id\":" + current + ",\"target_instance_id\":" + current
                        + ",\"mirror_direction\":\"push\"}"));
        assertThat(newPair).as("ids continue after the restored ones").isGreaterThan(pair);
    }

    @Test
    void aDryRunAgainstARunningInstallationSaysWhatIsCreatedReplacedAndKeptAndConflictsAreRefused() {
        byte[] archive = backups.download(PASSPHRASE).body();
        api.put("/api/pairs/" + pair, "{\"description\":\"changed after the backup\"}");
        mongo.getCollection("group_defaults").deleteMany(new Document());
        long extra = id(api.post(
                "/api/instances",
                "{\"name\":\"extra\",\"url\":\"" + GITLAB.url() + "\",\"token\":\"" + GITLAB.otherApiToken + "\"}"));

        BackupClient.Answer plan = backups.restore(archive, PASSPHRASE, true);

        assertThat(plan.status()).as(plan.text()).isEqualTo(200);
        assertThat(names(collection(plan.body(), "pairs").path("replaced"))).containsExactly("current to legacy");
        assertThat(names(collection(plan.body(), "group_defaults").path("created")))
                .containsExactly("platform in pair " + pair);
        assertThat(names(collection(plan.body(), "instances").path("kept"))).containsExactly("extra");
        assertThat(collection(plan.body(), "instances")
                        .path("unchanged")
                        .path("count")
                        .asLong())
                .isEqualTo(2);

        // the same name under another id: restoring would make two instances called 'legacy'
        api.delete("/api/instances/" + extra);
        Document legacy = mongo.getCollection("instances")
                .find(new Document("name", "legacy"))
                .first();
        mongo.getCollection("instances").deleteOne(new Document("_id", legacy.get("_id")));
        legacy.put("_id", 999L);
        mongo.getCollection("instances").insertOne(legacy);
        Map<String, List<Document>> before = snapshot();
        BackupClient.Answer conflicting = backups.restore(archive, PASSPHRASE, true);
        assertThat(conflicting.body().path("conflicts").toString()).contains("legacy");

        BackupClient.Answer refused = backups.restore(archive, PASSPHRASE, false);

        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.body().path("detail").asString()).contains("nothing was restored");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void refusesBadArchivesWithAProblemAndWritesNothing() throws IOException {
        byte[] archive = backups.download(PASSPHRASE).body();
        mongo.getCollection("pairs").deleteMany(new Document());
        Map<String, List<Document>> before = snapshot();

        assertRefused(backups.restore(archive, "not the passphrase at all", false), "passphrase");
        assertRefused(backups.restore(archive, null, false), 400, "passphrase");
        assertRefused(
                backups.restore(java.util.Arrays.copyOf(archive, archive.length / 2), PASSPHRASE, false), "archive");
        assertRefused(backups.restore("not a zip".getBytes(StandardCharsets.UTF_8), PASSPHRASE, false), "archive");
        assertRefused(
                backups.restore(rewrite(archive, e -> e, Map.of("../../etc/evil.jsonl", "{}\n")), PASSPHRASE, false),
                "archive",
                "unsafe path");
        assertRefused(
                backups.restore(
                        rewrite(archive, e -> e, Map.of("collections/../../escape.jsonl", "{}\n")), PASSPHRASE, false),
                "archive",
                "unsafe path");
        assertRefused(
                backups.restore(
                        rewrite(
                                archive,
                                e -> {
                                    e.put(
                                            "manifest.json",
                                            new String(e.get("manifest.json"), StandardCharsets.UTF_8)
                                                    .replace("\"version\" : 1", "\"version\" : 2")
                                                    .getBytes(StandardCharsets.UTF_8));
                                    return e;
                                },
                                Map.of()),
                        PASSPHRASE,
                        false),
                "version",
                "version 2");
        assertRefused(
                backups.restore(
                        rewrite(
                                archive,
                                e -> {
                                    e.put(
                                            "collections/pairs.jsonl",
                                            new String(e.get("collections/pairs.jsonl"), StandardCharsets.UTF_8)
                                                    .replace("current to legacy", "tampered to legacy")
                                                    .getBytes(StandardCharsets.UTF_8));
                                    return e;
                                },
                                Map.of()),
                        PASSPHRASE,
                        false),
                "archive",
                "does not match its manifest");
        assertRefused(
                backups.restore(
                        rewrite(
                                archive,
                                e -> {
                                    e.remove("collections/mirrors.jsonl");
                                    return e;
                                },
                                Map.of()),
                        PASSPHRASE,
                        false),
                "archive",
                "missing");

        assertRefused(
                backups.restore(
                        rewrite(
                                archive,
                                e -> {
                                    e.put(
                                            "collections/pairs.jsonl",
                                            "x".repeat(17 * 1024 * 1024).getBytes(StandardCharsets.UTF_8));
                                    return e;
                                },
                                Map.of()),
                        PASSPHRASE,
                        false),
                "archive",
                "longer than");

        var tooShort = backups.download("short");
        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(new String(tooShort.body(), StandardCharsets.UTF_8)).contains("passphrase");
        assertThat(snapshot()).as("nothing written by any refusal").isEqualTo(before);
    }

    private static void assertRefused(BackupClient.Answer answer, String field, String... detail) {
        assertRefused(answer, 422, field, detail);
    }

    private static void assertRefused(BackupClient.Answer answer, int status, String field, String... detail) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.body().path("errors").get(0).path("field").asString()).isEqualTo(field);
        if (detail.length > 0) {
            assertThat(answer.body().path("detail").asString()).contains(detail);
        }
        assertThat(answer.text()).doesNotContain(GITLAB.apiToken, PASSPHRASE);
    }

    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> all = new TreeMap<>();
        for (String c : CONFIG) {
            all.put(c, mongo.getCollection(c).find().into(new java.util.ArrayList<>()));
        }
        all.put("sequences", mongo.getCollection("sequences").find().into(new java.util.ArrayList<>()));
        return all;
    }

    private String stored(String collection, long id) {
        return mongo.getCollection(collection)
                .find(new Document("_id", id))
                .first()
                .getString("encrypted_token");
    }

    private static JsonNode collection(JsonNode plan, String name) {
        for (JsonNode c : plan.path("collections")) {
            if (c.path("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no " + name + " in " + plan);
    }

    private static List<String> names(JsonNode kind) {
        return ApiClient.JSON.convertValue(kind.path("names"), List.class);
    }

    private static Map<String, byte[]> unzip(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] rewrite(byte[] archive, UnaryOperator<Map<String, byte[]>> change, Map<String, String> extra)
            throws IOException {
        Map<String, byte[]> entries = change.apply(unzip(archive));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            for (var e : extra.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static long id(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isIn(200, 201, 202);
        return response.body().path("id").asLong();
    }
}
