package io.mirrormaestro.worker.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void credentialsAreEncodedIntoTheUserinfoAndNeverPrinted() {
        Credentials token = new Credentials(7, "group", "mirror bot", "glpat-s3cr/t:x", null);

        assertThat(token.embedIn("https://gitlab.example.com/g/p.git"))
                .isEqualTo("https://mirror%20bot:glpat-s3cr%2Ft%3Ax@gitlab.example.com/g/p.git");
        assertThat(token.toString()).doesNotContain("s3cr");
        assertThat(token.describe()).isEqualTo("token 'mirror bot' of group group");
    }
}
