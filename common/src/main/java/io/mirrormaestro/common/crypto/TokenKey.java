package io.mirrormaestro.common.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The secret that encrypts tokens at rest: 32 random bytes of key material and 16 of salt, kept as one base64
 * string. It comes from {@code MM_ENCRYPTION_KEY}, or is generated once into the data directory, readable by the
 * owner only.
 */
public record TokenKey(String password, byte[] salt) {

    public static final String FILE_NAME = "encryption.key";

    private static final int MATERIAL = 48;

    public static TokenKey fromBase64(String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encryption key is not base64", e);
        }
        if (raw.length != MATERIAL) {
            throw new IllegalArgumentException("encryption key must be " + MATERIAL + " bytes, base64 encoded");
        }
        String password = Base64.getEncoder().encodeToString(Arrays.copyOfRange(raw, 0, 32));
        return new TokenKey(password, Arrays.copyOfRange(raw, 32, MATERIAL));
    }

    public static String generateBase64() {
        byte[] raw = new byte[MATERIAL];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Never prints the key material. */
    @Override
    public String toString() {
        return "TokenKey[password=****, salt=****]";
    }

    /** The configured key if there is one, else the key file in {@code dataDir}, created on first use. */
    public static TokenKey resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return fromBase64(configured);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                writeOwnerOnly(file, generateBase64());
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        // write aside, then move into place, so a service starting at the same moment never reads a half-written key
        Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        try {
            Files.move(temp, file);
        } catch (FileAlreadyExistsException raced) {
            Files.delete(temp); // another service created it first; use theirs
        }
    }
}
