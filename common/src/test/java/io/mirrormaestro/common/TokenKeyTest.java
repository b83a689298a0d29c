package io.mirrormaestro.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.common.crypto.TokenKey;
import org.junit.jupiter.api.Test;

class TokenKeyTest {

    @Test
    void toStringNeverPrintsTheKeyMaterial() {
        TokenKey key = TokenKey.fromBase64(TokenKey.generateBase64());

        assertThat(key.toString()).doesNotContain(key.password()).contains("password=****");
    }
}
