package io.mirrormaestro.api.backup;

import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.secrets.StoredSecrets;
import io.mirrormaestro.common.crypto.TokenCipher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Writes a backup archive ({@link BackupFormat}) as it reads the collections, never holding them in memory. */
@Component
class BackupWriter {

    private final MongoTemplate mongo;
    private final TokenCipher cipher;
    private final ObjectMapper json;
    private final Clock clock;

    BackupWriter(MongoTemplate mongo, TokenCipher cipher, ObjectMapper json, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    /** The collections this backup holds: those always backed up, and the others that exist. */
    List<BackupCollection> collections() {
        Set<String> existing = mongo.getCollectionNames();
        return BackupCollections.ALL.stream()
                .filter(c -> c.always() || existing.contains(c.name()))
                .toList();
    }

    /**
     * Checks, before the first byte is sent, that every stored secret opens with this installation's key: a backup
     * that cannot carry one is refused as a whole rather than cut off half-way through the download.
     */
    void checkSecrets(List<BackupCollection> collections) {
        for (BackupCollection c : collections) {
            if (!StoredSecrets.COLLECTIONS.contains(c.name())) {
                continue;
            }
            for (Document d : mongo.getCollection(c.name()).find()) {
                StoredSecrets.of(d).forEach((field, stored) -> {
                    if (cipher.keyOf(stored) == TokenCipher.KeyUsed.NEITHER) {
                        throw new ConflictException(
                                field,
                                "the " + field + " of " + c.name() + " " + d.get("_id") + " ("
                                        + c.label().apply(d)
                                        + ") cannot be decrypted with this installation's encryption key; replace it"
                                        + " before backing up");
                    }
                });
            }
        }
    }

    void write(List<BackupCollection> collections, PassphraseCipher sealer, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (BackupCollection c : collections) {
            String entry = BackupFormat.entryOf(c.name());
            zip.putNextEntry(new ZipEntry(entry));
            MessageDigest sha = sha256();
            long count = 0;
            for (Document d : mongo.getCollection(c.name()).find().sort(new Document("_id", 1))) {
                byte[] line =
                        (archived(c, d, sealer).toJson(BackupFormat.JSON) + "\n").getBytes(StandardCharsets.UTF_8);
                sha.update(line);
                zip.write(line);
                count++;
            }
            zip.closeEntry();
            Map<String, Object> listed = new LinkedHashMap<>();
            listed.put("name", c.name());
            listed.put("entry", entry);
            listed.put("documents", count);
            listed.put("sha256", BackupFormat.hex(sha.digest()));
            entries.add(listed);
        }
        Map<String, Object> kdf = new LinkedHashMap<>();
        kdf.put("algorithm", PassphraseCipher.KDF);
        kdf.put("iterations", sealer.iterations());
        kdf.put("salt", Base64.getEncoder().encodeToString(sealer.salt()));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", BackupFormat.FORMAT);
        manifest.put("version", BackupFormat.VERSION);
        manifest.put("created_at", clock.instant().toString());
        manifest.put("kdf", kdf);
        manifest.put("cipher", "AES-256-GCM");
        manifest.put("collections", entries);
        manifest.put("seal", sealer.seal(BackupFormat.sealed(entries), BackupFormat.SEAL_CONTEXT));
        zip.putNextEntry(new ZipEntry(BackupFormat.MANIFEST));
        zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    /** The document as archived: each secret opened with the at-rest key and sealed under the passphrase. */
    private Document archived(BackupCollection c, Document d, PassphraseCipher sealer) {
        Document copy = StoredSecrets.copy(d);
        StoredSecrets.of(d)
                .forEach((field, stored) -> StoredSecrets.set(
                        copy,
                        field,
                        sealer.seal(cipher.decrypt(stored), BackupFormat.where(c.name(), d.get("_id"), field))));
        return copy;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
