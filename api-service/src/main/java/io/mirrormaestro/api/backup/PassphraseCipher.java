package io.mirrormaestro.api.backup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets of a backup archive, sealed under a key derived from the user's passphrase, never the installation's
 * at-rest key: PBKDF2-HMAC-SHA256 (the JDK's, {@value #ITERATIONS} iterations as OWASP recommends, a random 16-byte
 * salt per archive) gives an AES-256 key; each value is AES-GCM with a random 96-bit IV and, as associated data,
 * where it belongs ({@code collection/_id/field}), so a sealed token cannot be moved onto another record.
 */
final class PassphraseCipher {

    static final String KDF = "PBKDF2WithHmacSHA256";
    static final int ITERATIONS = 600_000;
    static final int MIN_PASSPHRASE = 12;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final byte[] salt;
    private final int iterations;

    private PassphraseCipher(char[] passphrase, byte[] salt, int iterations) {
        this.salt = salt.clone();
        this.iterations = iterations;
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            byte[] raw = SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
            this.key = new SecretKeySpec(raw, "AES");
            Arrays.fill(raw, (byte) 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + KDF, e);
        } finally {
            spec.clearPassword();
        }
    }

    /** For a new archive: a fresh salt. */
    static PassphraseCipher forNewArchive(String passphrase) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new PassphraseCipher(passphrase.toCharArray(), salt, ITERATIONS);
    }

    /** For reading an archive: the salt and iterations its manifest names. */
    static PassphraseCipher forArchive(String passphrase, byte[] salt, int iterations) {
        return new PassphraseCipher(passphrase.toCharArray(), salt, iterations);
    }

    byte[] salt() {
        return salt.clone();
    }

    int iterations() {
        return iterations;
    }

    String seal(String plain, String where) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(where.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws WrongPassphrase when the value does not open: another passphrase, or tampered with */
    String open(String sealed, String where) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException notBase64) {
            throw new WrongPassphrase();
        }
        if (raw.length < IV_BYTES + TAG_BITS / 8) {
            throw new WrongPassphrase();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(raw, 0, IV_BYTES)));
            cipher.updateAAD(where.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException wrong) {
            throw new WrongPassphrase();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** A sealed value that does not open with the passphrase given. Carries nothing of the value. */
    static final class WrongPassphrase extends RuntimeException {
        WrongPassphrase() {
            super("the passphrase does not open this backup", null, false, false);
        }
    }
}
