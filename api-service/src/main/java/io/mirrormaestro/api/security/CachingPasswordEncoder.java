package io.mirrormaestro.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Security's delegating encoder (BCrypt for new passwords, {@code {bcrypt}…} in the store), remembering for a
 * few minutes which password matched which stored hash. HTTP Basic sends the password with every request, and a
 * BCrypt check per request (~80 ms) would slow every script and the UI's REST calls; a remembered match is a keyed
 * SHA-256 of hash and password, so the memory holds no password and a changed hash is a new key. Failures are never
 * remembered: each wrong guess costs a full BCrypt check (and counts towards the sign-in throttle).
 */
final class CachingPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final byte[] key = new byte[32];
    private final Cache<String, Boolean> matched;

    CachingPasswordEncoder(Duration remember) {
        new SecureRandom().nextBytes(key);
        matched = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(remember)
                .build();
    }

    @Override
    public String encode(CharSequence raw) {
        return delegate.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null) {
            return false;
        }
        String id = fingerprint(raw, encoded);
        if (matched.getIfPresent(id) != null) {
            return true;
        }
        boolean matches = delegate.matches(raw, encoded);
        if (matches) {
            matched.put(id, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encoded) {
        return delegate.upgradeEncoding(encoded);
    }

    private String fingerprint(CharSequence raw, String encoded) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key);
            sha.update(encoded.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(raw.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
