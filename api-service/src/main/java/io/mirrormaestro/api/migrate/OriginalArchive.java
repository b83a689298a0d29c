package io.mirrormaestro.api.migrate;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The three files of the original's backup, read from its tar.gz with nothing written anywhere: entries with absolute
 * paths, {@code ..}, links or devices are refused, as are a truncated archive, a missing file and one larger than
 * {@code maxUnpacked} bytes unpacked (a gzip bomb).
 */
record OriginalArchive(String databaseJson, String encryptionKey, String metadataJson) {

    static final String DATABASE = "database.json";
    static final String KEY = "encryption.key";
    static final String METADATA = "backup_metadata.json";
    private static final Set<String> WANTED = Set.of(DATABASE, KEY, METADATA);

    static OriginalArchive read(InputStream gzipped, long maxUnpacked) {
        Map<String, String> files = new LinkedHashMap<>();
        long unpacked = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(gzipped))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                checkPath(name);
                if (entry.isDirectory()) {
                    continue;
                }
                if (!entry.isFile()) {
                    throw new ArchiveRefusedException(
                            "archive", "entry '" + name + "' is not a regular file (links and devices are refused)");
                }
                String plain = name.startsWith("./") ? name.substring(2) : name;
                byte[] content = readEntry(tar, name, maxUnpacked - unpacked);
                unpacked += content.length;
                if (WANTED.contains(plain)) {
                    if (files.containsKey(plain)) {
                        throw new ArchiveRefusedException("archive", "holds " + plain + " twice");
                    }
                    files.put(plain, new String(content, StandardCharsets.UTF_8));
                }
            }
        } catch (EOFException e) {
            throw truncated();
        } catch (ZipException e) {
            throw new ArchiveRefusedException(
                    "archive", "is not a gzip-compressed tar archive (" + e.getMessage() + ")");
        } catch (IOException | IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            if (message.toLowerCase(java.util.Locale.ROOT).contains("truncated")
                    || message.contains("Unexpected end")) {
                throw truncated();
            }
            throw new ArchiveRefusedException("archive", "cannot be read as a tar.gz archive: " + message);
        }
        for (String required : new String[] {METADATA, DATABASE, KEY}) {
            if (!files.containsKey(required)) {
                throw new ArchiveRefusedException(
                        required,
                        "missing from the archive (the original's backup holds "
                                + String.join(", ", DATABASE, KEY, METADATA) + ")");
            }
        }
        return new OriginalArchive(files.get(DATABASE), files.get(KEY).trim(), files.get(METADATA));
    }

    private static void checkPath(String name) {
        String normalized = name.replace('\\', '/');
        if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")) {
            throw new ArchiveRefusedException("archive", "entry '" + name + "' has an absolute path");
        }
        for (String part : normalized.split("/")) {
            if (part.equals("..")) {
                throw new ArchiveRefusedException("archive", "entry '" + name + "' leads outside the archive (..)");
            }
        }
    }

    private static byte[] readEntry(InputStream in, String name, long allowed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > allowed) {
                throw new ArchiveRefusedException(
                        "archive", "unpacks to more than the allowed size (at entry '" + name + "')");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ArchiveRefusedException truncated() {
        return new ArchiveRefusedException("archive", "is truncated: it ends before its last entry does");
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "OriginalArchive[database.json=" + databaseJson.length() + " chars, encryption.key=****]";
    }
}
