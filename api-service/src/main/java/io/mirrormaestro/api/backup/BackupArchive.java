package io.mirrormaestro.api.backup;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.bson.Document;
import org.bson.json.JsonParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A backup archive being read: opening it checks its shape, version, manifest and passphrase; reading a collection
 * checks its digest and count as it streams. Every failure is a {@link Refused} saying what is wrong, never the
 * content of a secret.
 */
final class BackupArchive implements Closeable {

    private static final int MIN_ITERATIONS = 100_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int MAX_LINE = 16 * 1024 * 1024;

    /** A listed collection: its entry, document count and digest as the sealed manifest says. */
    record Listed(BackupCollection collection, String entry, long documents, String sha256) {}

    private final ZipFile zip;
    private final PassphraseCipher opener;
    private final List<Listed> listed;
    private final Instant createdAt;

    private BackupArchive(ZipFile zip, PassphraseCipher opener, List<Listed> listed, Instant createdAt) {
        this.zip = zip;
        this.opener = opener;
        this.listed = listed;
        this.createdAt = createdAt;
    }

    static BackupArchive open(Path file, String passphrase, ObjectMapper json) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException | IllegalArgumentException e) {
            throw Refused.corrupt("it is not a complete zip archive (truncated or damaged)");
        } catch (IOException e) {
            throw Refused.corrupt("it cannot be read: " + e.getMessage());
        }
        try {
            BackupArchive archive = read(zip, passphrase, json);
            zip = null;
            return archive;
        } finally {
            closeQuietly(zip);
        }
    }

    private static BackupArchive read(ZipFile zip, String passphrase, ObjectMapper json) {
        Set<String> names = new HashSet<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (unsafe(name)) {
                throw Refused.corrupt("its entry '" + printable(name) + "' has an unsafe path");
            }
            if (!names.add(name)) {
                throw Refused.corrupt("its entry '" + printable(name) + "' appears twice");
            }
        }
        if (!names.contains(BackupFormat.MANIFEST)) {
            throw Refused.corrupt(
                    "it has no " + BackupFormat.MANIFEST + " (truncated, or not a Mirror Maestro backup)");
        }
        JsonNode manifest;
        try (InputStream in = zip.getInputStream(zip.getEntry(BackupFormat.MANIFEST))) {
            manifest = json.readTree(in.readNBytes(MAX_LINE));
        } catch (IOException | JacksonException e) {
            throw Refused.corrupt("its manifest is not valid JSON");
        }
        if (!BackupFormat.FORMAT.equals(manifest.path("format").asString(""))) {
            throw Refused.corrupt("it is not a Mirror Maestro backup (format '"
                    + printable(manifest.path("format").asString("")) + "')");
        }
        JsonNode version = manifest.path("version");
        if (!version.isIntegralNumber() || version.asInt() != BackupFormat.VERSION) {
            throw new Refused(
                    Refused.Kind.VERSION,
                    "the backup has format version " + printable(version.toString())
                            + "; this installation reads version " + BackupFormat.VERSION);
        }
        JsonNode kdf = manifest.path("kdf");
        int iterations = kdf.path("iterations").asInt(0);
        if (!PassphraseCipher.KDF.equals(kdf.path("algorithm").asString(""))
                || iterations < MIN_ITERATIONS
                || iterations > MAX_ITERATIONS) {
            throw Refused.corrupt("its manifest names an unknown key derivation");
        }
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(kdf.path("salt").asString(""));
        } catch (IllegalArgumentException e) {
            throw Refused.corrupt("its manifest's salt is not base64");
        }
        if (salt.length < 16) {
            throw Refused.corrupt("its manifest's salt is too short");
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Listed> listed = new ArrayList<>();
        for (JsonNode c : manifest.path("collections")) {
            String name = c.path("name").asString("");
            BackupCollection collection = BackupCollections.named(name)
                    .orElseThrow(() -> Refused.corrupt("it holds an unknown collection '" + printable(name) + "'"));
            String entry = c.path("entry").asString("");
            if (!entry.equals(BackupFormat.entryOf(name))) {
                throw Refused.corrupt("collection '" + name + "' points at an unexpected entry");
            }
            Map<String, Object> sealedEntry = new LinkedHashMap<>();
            sealedEntry.put("name", name);
            sealedEntry.put("entry", entry);
            sealedEntry.put("documents", c.path("documents").asLong(-1));
            sealedEntry.put("sha256", c.path("sha256").asString(""));
            entries.add(sealedEntry);
            listed.add(new Listed(
                    collection,
                    entry,
                    c.path("documents").asLong(-1),
                    c.path("sha256").asString("")));
        }
        PassphraseCipher opener = PassphraseCipher.forArchive(passphrase, salt, iterations);
        String seal;
        try {
            seal = opener.open(manifest.path("seal").asString(""), BackupFormat.SEAL_CONTEXT);
        } catch (PassphraseCipher.WrongPassphrase wrong) {
            throw new Refused(
                    Refused.Kind.PASSPHRASE, "the passphrase does not open this backup (or its manifest was altered)");
        }
        if (!seal.equals(BackupFormat.sealed(entries))) {
            throw Refused.corrupt("its manifest was altered after the backup was written");
        }
        Set<String> expected = new HashSet<>(List.of(BackupFormat.MANIFEST));
        for (Listed l : listed) {
            if (!expected.add(l.entry())) {
                throw Refused.corrupt("collection '" + l.collection().name() + "' is listed twice");
            }
            if (!names.contains(l.entry())) {
                throw Refused.corrupt("its entry " + l.entry() + " is missing (truncated archive)");
            }
        }
        for (String name : names) {
            if (!expected.contains(name)) {
                throw Refused.corrupt("it holds an unexpected entry '" + printable(name) + "'");
            }
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(manifest.path("created_at").asString(""));
        } catch (RuntimeException e) {
            createdAt = null;
        }
        return new BackupArchive(zip, opener, List.copyOf(listed), createdAt);
    }

    List<Listed> listed() {
        return listed;
    }

    Instant createdAt() {
        return createdAt;
    }

    /**
     * Streams the documents of a listed collection; at its end checks that what was read is exactly what the sealed
     * manifest lists (so a document the consumer saw from a damaged entry fails the whole restore).
     */
    void forEach(Listed l, Consumer<Document> each) {
        MessageDigest sha = BackupWriter.sha256();
        long count = 0;
        try (InputStream raw = zip.getInputStream(zip.getEntry(l.entry()));
                BufferedReader lines = new BufferedReader(
                        new InputStreamReader(new DigestInputStream(raw, sha), StandardCharsets.UTF_8))) {
            String line;
            while ((line = readLine(lines, l.entry())) != null) {
                count++;
                if (count > l.documents()) {
                    throw Refused.corrupt(l.entry() + " holds more documents than its manifest lists");
                }
                Document d;
                try {
                    d = Document.parse(line);
                } catch (JsonParseException | IllegalArgumentException e) {
                    throw Refused.corrupt(l.entry() + " line " + count + " is not a document");
                }
                if (!d.containsKey("_id")) {
                    throw Refused.corrupt(l.entry() + " line " + count + " has no _id");
                }
                each.accept(d);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw Refused.corrupt(l.entry() + " is damaged or truncated");
        } catch (IOException e) {
            throw Refused.corrupt(l.entry() + " cannot be read: " + e.getMessage());
        }
        if (count != l.documents() || !BackupFormat.hex(sha.digest()).equals(l.sha256())) {
            throw Refused.corrupt(l.entry() + " does not match its manifest (altered or truncated)");
        }
    }

    /** The next line, refused once longer than {@value #MAX_LINE} characters (before it is all in memory). */
    private static String readLine(BufferedReader in, String entry) throws IOException {
        StringBuilder line = new StringBuilder();
        int ch;
        while ((ch = in.read()) != -1 && ch != '\n') {
            if (line.length() == MAX_LINE) {
                throw Refused.corrupt(entry + " has a line longer than " + MAX_LINE + " characters");
            }
            line.append((char) ch);
        }
        return ch == -1 && line.isEmpty() ? null : line.toString();
    }

    /** A secret of the archive in plain text; a seal that does not open means the archive was altered. */
    String openSecret(String collection, Object id, String field, Object value) {
        if (!(value instanceof String text)) {
            throw Refused.corrupt(collection + " " + id + " has a " + field + " that is not a sealed secret");
        }
        try {
            return opener.open(text, BackupFormat.where(collection, id, field));
        } catch (PassphraseCipher.WrongPassphrase e) {
            throw Refused.corrupt("the " + field + " of " + collection + " " + id + " does not open (altered)");
        }
    }

    static boolean unsafe(String name) {
        return name.isEmpty()
                || name.startsWith("/")
                || name.startsWith("\\")
                || name.contains("\\")
                || name.contains(":")
                || name.chars().anyMatch(ch -> ch < 0x20)
                || List.of(name.split("/", -1)).contains("..")
                || List.of(name.split("/", -1)).contains(".");
    }

    private static String printable(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "…" : cleaned;
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        if (zip != null) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // nothing was written; the temporary file is deleted by the caller
            }
        }
    }

    /** Why an archive is refused; nothing has been written. */
    static final class Refused extends RuntimeException {

        enum Kind {
            CORRUPT,
            VERSION,
            PASSPHRASE
        }

        private final Kind kind;

        Refused(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        static Refused corrupt(String why) {
            return new Refused(Kind.CORRUPT, "the archive cannot be restored: " + why);
        }

        Kind kind() {
            return kind;
        }
    }
}
