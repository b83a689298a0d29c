package io.mirrormaestro.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {

    @Test
    void toStringNeverPrintsThePasswordOrTheEncryptionKey() {
        String key = "AAAAkey-material-that-must-stay-secretAAAA";
        String password = "the-SECRET-password";
        ApiSettings settings = new ApiSettings(
                Path.of("."),
                key,
                false,
                false,
                List.of(),
                new ApiSettings.Auth(true, "admin", password, 10, Duration.ofMinutes(1)),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofMillis(500));

        assertThat(settings.toString())
                .doesNotContain(key)
                .doesNotContain(password)
                .contains("admin", "password=****", "encryptionKey=****");
        assertThat(settings.auth().toString()).doesNotContain(password);
    }
}
