package io.mirrormaestro.api.backup;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.api.secrets.StoredSecrets;
import io.mirrormaestro.common.crypto.TokenCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Restores an archive in two passes over it. The first reads everything (every digest checked, every secret opened
 * and re-encrypted with this installation's key, every document compared with what is stored) and writes nothing: it
 * is the dry run, and a restore whose first pass fails or finds conflicts stops there. The second writes the documents
 * the plan creates or replaces, by {@code _id}, and moves the id sequences past the restored ids so that new
 * configuration never takes a restored id.
 */
@Component
class Restore {

    private static final int CHUNK = 500;

    private final MongoTemplate mongo;
    private final TokenCipher cipher;
    private final ActivityLog activity;

    Restore(MongoTemplate mongo, TokenCipher cipher, ActivityLog activity) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.activity = activity;
    }

    /** The secrets re-encrypted for this installation and the ids to write, from the first pass. */
    private record Pass(RestorePlan plan, Map<String, String> secrets, Map<String, Set<Object>> toWrite) {}

    RestorePlan plan(BackupArchive archive) {
        return firstPass(archive).plan();
    }

    RestorePlan apply(BackupArchive archive) {
        Pass pass = firstPass(archive);
        if (!pass.plan().conflicts().isEmpty()) {
            return pass.plan();
        }
        for (BackupArchive.Listed l : archive.listed()) {
            BackupCollection c = l.collection();
            Set<Object> ids = pass.toWrite().get(c.name());
            List<WriteModel<Document>> writes = new ArrayList<>();
            long[] maxId = {0};
            archive.forEach(l, d -> {
                Object id = d.get("_id");
                if (id instanceof Number n) {
                    maxId[0] = Math.max(maxId[0], n.longValue());
                }
                if (!ids.contains(id)) {
                    return;
                }
                Document stored = restored(c, d, pass.secrets());
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), stored, new ReplaceOptions().upsert(true)));
                if (writes.size() == CHUNK) {
                    mongo.getCollection(c.name()).bulkWrite(List.copyOf(writes));
                    writes.clear();
                }
            });
            if (!writes.isEmpty()) {
                mongo.getCollection(c.name()).bulkWrite(writes);
            }
            if (maxId[0] > 0) {
                mongo.getCollection("sequences")
                        .updateOne(
                                Filters.eq("_id", c.name()),
                                Updates.max("value", maxId[0]),
                                new UpdateOptions().upsert(true));
            }
        }
        RestorePlan applied = pass.plan().applied();
        activity.configured(
                "backup",
                "restored a backup" + (applied.backupCreatedAt() == null ? "" : " of " + applied.backupCreatedAt())
                        + ": " + summary(applied));
        return applied;
    }

    private Pass firstPass(BackupArchive archive) {
        Map<String, String> secrets = new HashMap<>();
        Map<String, Set<Object>> toWrite = new HashMap<>();
        List<RestorePlan.CollectionPlan> plans = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (BackupArchive.Listed l : archive.listed()) {
            BackupCollection c = l.collection();
            Map<Object, String> storedPrints = new HashMap<>();
            Map<String, Object> storedKeys = new HashMap<>();
            Map<Object, String> storedLabels = new HashMap<>();
            for (Document d : mongo.getCollection(c.name()).find()) {
                storedPrints.put(d.get("_id"), fingerprint(c, d, storedSecrets(d)));
                String key = c.keyOf(d);
                if (key != null) {
                    storedKeys.put(key, d.get("_id"));
                }
                storedLabels.put(d.get("_id"), c.label().apply(d));
            }
            RestorePlan.Names[] created = {RestorePlan.Names.empty()};
            RestorePlan.Names[] replaced = {RestorePlan.Names.empty()};
            RestorePlan.Names[] unchanged = {RestorePlan.Names.empty()};
            Set<Object> inArchive = new HashSet<>();
            Set<Object> writes = new HashSet<>();
            archive.forEach(l, d -> {
                Object id = d.get("_id");
                if (!inArchive.add(id)) {
                    throw BackupArchive.Refused.corrupt(c.name() + " holds _id " + id + " twice");
                }
                Map<String, String> plain = new HashMap<>();
                StoredSecrets.of(d).forEach((field, value) -> {
                    String plainText = archive.openSecret(c.name(), id, field, value);
                    plain.put(field, plainText);
                    secrets.put(BackupFormat.where(c.name(), id, field), cipher.encrypt(plainText));
                });
                for (String field : StoredSecrets.named(d).keySet()) {
                    if (!plain.containsKey(field)) {
                        throw BackupArchive.Refused.corrupt(
                                c.name() + " " + id + " has a " + field + " that is not a sealed secret");
                    }
                }
                String label = c.label().apply(d);
                String key = c.keyOf(d);
                Object holder = key == null ? null : storedKeys.get(key);
                if (holder != null && !holder.equals(id)) {
                    conflicts.add(
                            c.name() + ": '" + label + "' (id " + id + " in the backup) is id " + holder + " here");
                }
                String stored = storedPrints.get(id);
                if (stored == null) {
                    created[0] = created[0].add(label);
                    writes.add(id);
                } else if (stored.equals(fingerprint(c, d, plain))) {
                    unchanged[0] = unchanged[0].add(label);
                } else {
                    replaced[0] = replaced[0].add(label);
                    writes.add(id);
                }
            });
            RestorePlan.Names kept = RestorePlan.Names.empty();
            for (Map.Entry<Object, String> e : storedLabels.entrySet()) {
                if (!inArchive.contains(e.getKey())) {
                    kept = kept.add(e.getValue());
                }
            }
            toWrite.put(c.name(), writes);
            plans.add(new RestorePlan.CollectionPlan(
                    c.name(), inArchive.size(), created[0], replaced[0], unchanged[0], kept));
        }
        RestorePlan plan = new RestorePlan(true, archive.createdAt(), plans, conflicts, secrets.size());
        return new Pass(plan, secrets, toWrite);
    }

    /** The stored document's secrets in plain text, for comparing; one this key cannot open compares as changed. */
    private Map<String, String> storedSecrets(Document d) {
        Map<String, String> plain = new HashMap<>();
        StoredSecrets.of(d).forEach((field, stored) -> {
            if (cipher.keyOf(stored) != TokenCipher.KeyUsed.NEITHER) {
                plain.put(field, cipher.decrypt(stored));
            }
        });
        return plain;
    }

    /**
     * A digest of a document as a restore would leave it: cleared fields left out, secrets by their plain text (their
     * ciphertexts differ on every encryption).
     */
    private static String fingerprint(BackupCollection c, Document d, Map<String, String> plainSecrets) {
        Document copy = StoredSecrets.copy(d);
        c.cleared().forEach(copy::remove);
        for (String field : StoredSecrets.of(d).keySet()) {
            StoredSecrets.set(
                    copy,
                    field,
                    "secret:"
                            + BackupFormat.hex(BackupWriter.sha256()
                                    .digest(String.valueOf(plainSecrets.get(field))
                                            .getBytes(StandardCharsets.UTF_8))));
        }
        MessageDigest sha = BackupWriter.sha256();
        return BackupFormat.hex(sha.digest(copy.toJson(BackupFormat.JSON).getBytes(StandardCharsets.UTF_8)));
    }

    private static Document restored(BackupCollection c, Document d, Map<String, String> secrets) {
        Document copy = StoredSecrets.copy(d);
        c.cleared().forEach(copy::remove);
        for (String field : StoredSecrets.of(d).keySet()) {
            StoredSecrets.set(copy, field, secrets.get(BackupFormat.where(c.name(), d.get("_id"), field)));
        }
        return copy;
    }

    static String summary(RestorePlan plan) {
        List<String> parts = new ArrayList<>();
        for (RestorePlan.CollectionPlan c : plan.collections()) {
            parts.add(c.name() + " " + c.created().count() + " created, "
                    + c.replaced().count() + " replaced, " + c.unchanged().count() + " unchanged, "
                    + c.kept().count() + " kept");
        }
        return String.join("; ", parts);
    }
}
