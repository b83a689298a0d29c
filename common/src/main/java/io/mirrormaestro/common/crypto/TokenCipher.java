package io.mirrormaestro.common.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.encrypt.Encryptors;

/**
 * Encrypts GitLab tokens at rest with AES-256-GCM (authenticated: a tampered value fails to decrypt). Both services
 * build it from the same secret key, see {@link TokenKey}.
 *
 * <p>During a key rotation ({@code MM_ENCRYPTION_KEY_PREVIOUS}) it encrypts with the current key and decrypts with the
 * current key, falling back to the previous one, so every service keeps working while api-service re-encrypts what
 * is stored. GCM tells the keys apart: a value sealed under one key never decrypts under the other.
 */
public final class TokenCipher {

    private static final String PREFIX = "v1:";

    private final BytesEncryptor encryptor;
    private final BytesEncryptor previous;

    public TokenCipher(TokenKey key) {
        this(key, null);
    }

    /** @param previous the key being rotated away from, or null when no rotation is under way */
    public TokenCipher(TokenKey key, TokenKey previous) {
        this.encryptor = encryptorOf(key);
        this.previous = previous == null ? null : encryptorOf(previous);
    }

    private static BytesEncryptor encryptorOf(TokenKey key) {
        return Encryptors.stronger(key.password(), HexFormat.of().formatHex(key.salt()));
    }

    public String encrypt(String token) {
        byte[] sealed = encryptor.encrypt(token.getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getEncoder().encodeToString(sealed);
    }

    public String decrypt(String stored) {
        byte[] sealed = sealed(stored);
        Optional<String> plain = open(encryptor, sealed);
        if (plain.isEmpty() && previous != null) {
            plain = open(previous, sealed);
        }
        // never echo the value: it could be a token stored by mistake
        return plain.orElseThrow(() -> new IllegalStateException("stored token cannot be decrypted with this key"));
    }

    /** Whether a key rotation is under way ({@code MM_ENCRYPTION_KEY_PREVIOUS} set). */
    public boolean rotating() {
        return previous != null;
    }

    /** Which key a stored value is sealed under; never throws. */
    public KeyUsed keyOf(String stored) {
        byte[] sealed;
        try {
            sealed = sealed(stored);
        } catch (IllegalArgumentException notOurs) {
            return KeyUsed.NEITHER;
        }
        if (open(encryptor, sealed).isPresent()) {
            return KeyUsed.CURRENT;
        }
        return previous != null && open(previous, sealed).isPresent() ? KeyUsed.PREVIOUS : KeyUsed.NEITHER;
    }

    /** The key a stored value opens with. */
    public enum KeyUsed {
        CURRENT,
        PREVIOUS,
        NEITHER
    }

    private static byte[] sealed(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an encrypted token");
        }
        try {
            return Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored token cannot be decrypted with this key", e);
        }
    }

    private static Optional<String> open(BytesEncryptor encryptor, byte[] sealed) {
        try {
            return Optional.of(new String(encryptor.decrypt(sealed), StandardCharsets.UTF_8));
        } catch (RuntimeException wrongKeyOrTampered) {
            return Optional.empty();
        }
    }
}
