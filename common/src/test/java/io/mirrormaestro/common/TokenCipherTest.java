package io.mirrormaestro.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.crypto.TokenKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCipherTest {

    @TempDir
    Path dataDir;

    @Test
    void roundTripsWithoutStoringThePlaintext() {
        TokenCipher cipher = new TokenCipher(TokenKey.fromBase64(TokenKey.generateBase64()));
        String stored = cipher.encrypt("secret-token-value-123");

        assertThat(stored).startsWith("v1:").doesNotContain("secret-token-value-123");
        assertThat(cipher.encrypt("secret-token-value-123")).as("random IV").isNotEqualTo(stored);
        assertThat(cipher.decrypt(stored)).isEqualTo("secret-token-value-123");
    }

    @Test
    void rejectsTamperedValuesAndForeignKeys() {
        TokenCipher cipher = new TokenCipher(TokenKey.fromBase64(TokenKey.generateBase64()));
        String stored = cipher.encrypt("another-secret");
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(tampered))
                .hasMessageNotContaining("another-secret")
                .isInstanceOf(IllegalStateException.class);
        TokenCipher other = new TokenCipher(TokenKey.fromBase64(TokenKey.generateBase64()));
        assertThatThrownBy(() -> other.decrypt(stored)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("plain")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void duringARotationDecryptsWithThePreviousKeyAndEncryptsWithTheCurrentOne() {
        TokenKey old = TokenKey.fromBase64(TokenKey.generateBase64());
        TokenKey fresh = TokenKey.fromBase64(TokenKey.generateBase64());
        String underOld = new TokenCipher(old).encrypt("rotated-secret-value");
        TokenCipher rotating = new TokenCipher(fresh, old);

        assertThat(rotating.rotating()).isTrue();
        assertThat(rotating.decrypt(underOld)).isEqualTo("rotated-secret-value");
        assertThat(rotating.keyOf(underOld)).isEqualTo(TokenCipher.KeyUsed.PREVIOUS);
        String underNew = rotating.encrypt("rotated-secret-value");
        assertThat(rotating.keyOf(underNew)).isEqualTo(TokenCipher.KeyUsed.CURRENT);
        assertThat(new TokenCipher(fresh).decrypt(underNew)).isEqualTo("rotated-secret-value");
        assertThatThrownBy(() -> new TokenCipher(old).decrypt(underNew)).isInstanceOf(IllegalStateException.class);
        String foreign = new TokenCipher(TokenKey.fromBase64(TokenKey.generateBase64())).encrypt("x");
        assertThat(rotating.keyOf(foreign)).isEqualTo(TokenCipher.KeyUsed.NEITHER);
        assertThat(rotating.keyOf("plain")).isEqualTo(TokenCipher.KeyUsed.NEITHER);
        assertThat(new TokenCipher(fresh).rotating()).isFalse();
    }

    @Test
    void generatesTheKeyFileOnceWithOwnerOnlyPermissions() throws Exception {
        TokenKey first = TokenKey.resolve(null, dataDir);
        TokenKey second = TokenKey.resolve("", dataDir);
        Path file = dataDir.resolve(TokenKey.FILE_NAME);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String stored = new TokenCipher(first).encrypt("kept-across-restarts");
        assertThat(new TokenCipher(second).decrypt(stored)).isEqualTo("kept-across-restarts");
    }

    @Test
    void aConfiguredKeyWinsAndMustBeWellFormed() {
        String configured = TokenKey.generateBase64();
        TokenKey key = TokenKey.resolve(configured, dataDir);

        assertThat(Files.exists(dataDir.resolve(TokenKey.FILE_NAME))).isFalse();
        assertThat(new TokenCipher(key).decrypt(new TokenCipher(TokenKey.fromBase64(configured)).encrypt("x")))
                .isEqualTo("x");
        assertThatThrownBy(() -> TokenKey.fromBase64("c2hvcnQ=")).hasMessageContaining("48 bytes");
        assertThatThrownBy(() -> TokenKey.fromBase64("not base64!")).hasMessageContaining("not base64");
    }
}
