package io.mirrormaestro.common.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.encrypt.Encryptors;

/**
 * Encrypts GitLab tokens at rest with AES-256-GCM (authenticated: a tampered value fails to decrypt). Both services
 * build it from the same secret key, see {@link TokenKey}.
 */
public final class TokenCipher {

    private static final String PREFIX = "v1:";

    private final BytesEncryptor encryptor;

    public TokenCipher(TokenKey key) {
        this.encryptor = Encryptors.stronger(key.password(), HexFormat.of().formatHex(key.salt()));
    }

    public String encrypt(String token) {
        byte[] sealed = encryptor.encrypt(token.getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getEncoder().encodeToString(sealed);
    }

    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an encrypted token");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            return new String(encryptor.decrypt(sealed), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            // never echo the value: it could be a token stored by mistake
            throw new IllegalStateException("stored token cannot be decrypted with this key", e);
        }
    }
}
