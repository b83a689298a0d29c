package io.mirrormaestro.api.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstanceRequestsTest {

    private static final String TOKEN = "SECRET-instance-token-value";

    @Test
    void requestsNeverPrintTheirToken() {
        assertThat(new InstanceController.CreateInstance("prod", "https://gitlab.example.com", TOKEN, "d").toString())
                .doesNotContain(TOKEN)
                .contains("token=****", "prod", "https://gitlab.example.com");
        assertThat(new InstanceController.UpdateInstance("prod", null, TOKEN, null).toString())
                .doesNotContain(TOKEN)
                .contains("token=****");
        assertThat(new InstanceController.UpdateInstance("prod", null, null, null).toString())
                .contains("token=null");
    }
}
