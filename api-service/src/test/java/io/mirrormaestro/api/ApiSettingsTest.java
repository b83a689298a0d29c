package io.mirrormaestro.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

class ApiSettingsTest {

    @Test
    void toStringNeverPrintsThePasswordOrTheEncryptionKeys() {
        String key = "AAAAkey-material-that-must-stay-secretAAAA";
        String previousKey = "AAAAprevious-key-that-must-stay-secretAAAA";
        String password = "the-SECRET-password";
        ApiSettings settings = ApiSettingsFixture.of(key, previousKey, false, false, password);

        assertThat(settings.toString())
                .doesNotContain(key)
                .doesNotContain(previousKey)
                .doesNotContain(password)
                .contains("admin", "password=****", "encryptionKey=****", "encryptionKeyPrevious=****");
        assertThat(settings.auth().toString()).doesNotContain(password);
    }

    @Test
    void defaultsAreWrittenOnceInTheYml() throws IOException {
        ApiSettings settings = bind(Map.of(), Map.of());

        assertThat(settings.encryptionKeyPrevious()).isNullOrEmpty();
        assertThat(settings.storeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.importMaxBytes()).isEqualTo(33_554_432L);
        assertThat(settings.importMaxLines()).isEqualTo(50_000);
        assertThat(settings.backupMaxBytes()).isEqualTo(268_435_456L);
        assertThat(settings.batchChunk()).isEqualTo(500);
        assertThat(settings.batchWindow()).isEqualTo(2_000);
        assertThat(settings.batchSettleEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.scheduleSpread()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.jobrunrDatabase()).isEqualTo("mirror-maestro-jobs");
        assertThat(settings.journalLag()).isEqualTo(Duration.ofSeconds(2));
        // the ones annotations read by key, with their defaults in the yml only
        assertThat(settings.batchPoll()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.outboxInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.scheduleTick()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.keyRotationFirstPass()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.keyRotationInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.eventConsumerGroup()).startsWith("mm-api-");
        assertThat(settings.journalConsumerGroup()).isEqualTo("mm-api-journal");
        assertThat(settings.journalOffsetReset()).isEqualTo("earliest");
    }

    @Test
    void environmentVariablesAndPropertyKeysSetThemAsBefore() throws IOException {
        ApiSettings fromEnvironment = bind(
                Map.of(
                        "MM_ENCRYPTION_KEY_PREVIOUS", "old-key",
                        "MM_STORE_TIMEOUT", "PT1S",
                        "MM_IMPORT_MAX_BYTES", "1024",
                        "MM_IMPORT_MAX_LINES", "10",
                        "MM_BACKUP_MAX_BYTES", "2048",
                        "MM_BATCH_CHUNK", "25",
                        "MM_BATCH_WINDOW", "50",
                        "MM_SCHEDULE_SPREAD", "PT0S",
                        "MM_JOBRUNR_DATABASE", "jobs-from-env"),
                Map.of());

        assertThat(fromEnvironment.encryptionKeyPrevious()).isEqualTo("old-key");
        assertThat(fromEnvironment.storeTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(fromEnvironment.importMaxBytes()).isEqualTo(1024);
        assertThat(fromEnvironment.importMaxLines()).isEqualTo(10);
        assertThat(fromEnvironment.backupMaxBytes()).isEqualTo(2048);
        assertThat(fromEnvironment.batchChunk()).isEqualTo(25);
        assertThat(fromEnvironment.batchWindow()).isEqualTo(50);
        assertThat(fromEnvironment.scheduleSpread()).isZero();
        assertThat(fromEnvironment.jobrunrDatabase()).isEqualTo("jobs-from-env");

        ApiSettings fromProperties = bind(
                Map.of(),
                Map.of(
                        "mm.api.batch-chunk", "10",
                        "mm.api.batch-settle-every", "PT1S",
                        "mm.api.journal-lag", "PT0S",
                        "jobrunr.database.database-name", "jobs-of-the-workers"));

        assertThat(fromProperties.batchChunk()).isEqualTo(10);
        assertThat(fromProperties.batchSettleEvery()).isEqualTo(Duration.ofSeconds(1));
        assertThat(fromProperties.journalLag()).isZero();
        assertThat(fromProperties.jobrunrDatabase()).isEqualTo("jobs-of-the-workers");
    }

    /** api-service.yml under the given environment variables and (higher still) properties. */
    private static ApiSettings bind(Map<String, Object> environment, Map<String, Object> properties)
            throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new MapPropertySource("properties", properties));
        sources.addLast(new SystemEnvironmentPropertySource("environment", environment));
        new YamlPropertySourceLoader()
                .load("api-service.yml", new ClassPathResource("api-service.yml"))
                .forEach(sources::addLast);
        Binder binder = new Binder(
                ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
        return binder.bind("mm.api", ApiSettings.class).get();
    }
}
