package io.mirrormaestro.api.backup;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The archive, version {@value #VERSION}: a zip of {@code collections/<name>.jsonl} (one MongoDB document per line,
 * extended JSON, so longs and dates keep their types) and {@code manifest.json} last (format, version, creation time,
 * the key derivation, and per collection its entry, document count and SHA-256). The manifest's {@code seal} is the
 * list of entries with their digests sealed under the passphrase: it checks the passphrase and authenticates every
 * entry, so a wrong passphrase, a truncated, altered or reordered archive is refused before anything is written.
 * Secrets ({@code encrypted_*} fields) are sealed under the passphrase too, never under the at-rest key.
 */
final class BackupFormat {

    static final String FORMAT = "mirror-maestro-backup";
    static final int VERSION = 1;
    static final String MANIFEST = "manifest.json";
    static final String COLLECTIONS_DIR = "collections/";
    static final String SEAL_CONTEXT = "manifest";

    static final JsonWriterSettings JSON =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private BackupFormat() {}

    static String entryOf(String collection) {
        return COLLECTIONS_DIR + collection + ".jsonl";
    }

    /** Where a sealed secret belongs, bound into its seal. */
    static String where(String collection, Object id, String field) {
        return collection + "/" + id + "/" + field;
    }

    /** What the seal holds: every entry with its count and digest, in order. */
    static String sealed(List<Map<String, Object>> collections) {
        StringBuilder text = new StringBuilder(FORMAT + "/" + VERSION + "\n");
        for (Map<String, Object> c : collections) {
            text.append(c.get("name"))
                    .append(' ')
                    .append(c.get("entry"))
                    .append(' ')
                    .append(c.get("documents"))
                    .append(' ')
                    .append(c.get("sha256"))
                    .append('\n');
        }
        return text.toString();
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
