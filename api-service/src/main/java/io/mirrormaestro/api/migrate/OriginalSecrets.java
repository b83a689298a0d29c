package io.mirrormaestro.api.migrate;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.StringValidator;
import com.macasaet.fernet.Token;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.TemporalAmount;
import java.util.Base64;

/**
 * Decrypts the original's stored tokens with its Fernet key (fernet-java8). The original base64-encoded each Fernet
 * token once more before storing it: decode that, then decrypt. Tokens do not age out here: the original never gave
 * them a time to live.
 */
final class OriginalSecrets {

    /** Fernet's time to live, here "as long as the original kept it": a century. */
    private static final StringValidator NO_EXPIRY = new StringValidator() {
        @Override
        public TemporalAmount getTimeToLive() {
            return Duration.ofDays(36_525);
        }
    };

    private final Key key;

    private OriginalSecrets(Key key) {
        this.key = key;
    }

    static OriginalSecrets withKey(String encodedKey) {
        try {
            return new OriginalSecrets(new Key(encodedKey.trim()));
        } catch (RuntimeException e) {
            throw new ArchiveRefusedException(
                    OriginalArchive.KEY,
                    "is not a Fernet key (32 bytes, URL-safe base64): "
                            + e.getClass().getSimpleName());
        }
    }

    /**
     * @param stored the column's value: base64 of a Fernet token
     * @param what whose token it is, for the refusal ("instance 1 (orig-A)")
     * @throws ArchiveRefusedException naming {@code encryption.key} when the key does not open it, never the value
     */
    String decrypt(String stored, String what) {
        if (stored == null || stored.isBlank()) {
            throw new ArchiveRefusedException(OriginalArchive.DATABASE, what + " has no token");
        }
        Token token;
        try {
            String fernet = new String(Base64.getDecoder().decode(stored.trim()), StandardCharsets.US_ASCII);
            token = Token.fromString(fernet.trim());
        } catch (RuntimeException e) {
            throw new ArchiveRefusedException(
                    OriginalArchive.DATABASE, "the token of " + what + " is not a base64-wrapped Fernet token");
        }
        try {
            return token.validateAndDecrypt(key, NO_EXPIRY);
        } catch (RuntimeException e) {
            throw new ArchiveRefusedException(
                    OriginalArchive.KEY,
                    "does not decrypt the token of " + what
                            + ": a different key than the one this backup was written with,"
                            + " or an altered archive");
        }
    }
}
