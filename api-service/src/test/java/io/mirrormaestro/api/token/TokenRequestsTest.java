package io.mirrormaestro.api.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenRequestsTest {

    private static final String TOKEN = "glpat-SECRET-group-token";

    @Test
    void requestsNeverPrintTheirToken() {
        assertThat(new GroupTokenController.CreateToken(1L, "platform", TOKEN, "mirror-bot").toString())
                .doesNotContain(TOKEN)
                .contains("token=****", "platform", "mirror-bot");
        assertThat(new GroupTokenController.UpdateToken(null, TOKEN, null).toString())
                .doesNotContain(TOKEN)
                .contains("token=****");
    }
}
