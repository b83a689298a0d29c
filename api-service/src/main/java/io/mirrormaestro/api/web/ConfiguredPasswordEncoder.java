package io.mirrormaestro.api.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares a Basic password with the one configured in the environment: SHA-256 digests compared in constant time.
 * A deliberately slow hash (BCrypt) protects stored user databases against offline guessing; here it would only
 * add ~80 ms to every request, because HTTP Basic authenticates each request anew.
 */
final class ConfiguredPasswordEncoder implements PasswordEncoder {

    @Override
    public String encode(CharSequence raw) {
        return HexFormat.of().formatHex(digest(raw));
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(raw), HexFormat.of().parseHex(encoded));
    }

    private static byte[] digest(CharSequence raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
