package io.mirrormaestro.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** api-service's settings as {@code api-service.yml} defaults them, for tests that build what they test by hand. */
public final class ApiSettingsFixture {

    private ApiSettingsFixture() {}

    /**
     * @param key the encryption key, or null to generate one
     * @param previousKey the key being rotated away from, or null
     * @param production refuse the default password
     * @param allowPrivate accept GitLab URLs on loopback or private networks
     * @param password the first admin's password
     */
    public static ApiSettings of(
            String key, String previousKey, boolean production, boolean allowPrivate, String password) {
        return new ApiSettings(
                Path.of("."),
                key,
                previousKey,
                production,
                allowPrivate,
                List.of(),
                new ApiSettings.Auth(true, "admin", password, 10, Duration.ofMinutes(1)),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                33_554_432,
                50_000,
                268_435_456,
                500,
                2_000,
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                "mirror-maestro-jobs",
                Duration.ofMillis(500),
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofMinutes(1),
                "mm-api-test",
                "mm-api-journal",
                "earliest",
                Duration.ofSeconds(2));
    }
}
