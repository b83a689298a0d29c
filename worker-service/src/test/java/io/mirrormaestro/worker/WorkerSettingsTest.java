package io.mirrormaestro.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
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

class WorkerSettingsTest {

    @Test
    void toStringNeverPrintsTheEncryptionKeys() {
        String key = "AAAAkey-material-that-must-stay-secretAAAA";
        String previousKey = "AAAAprevious-key-that-must-stay-secretAAAA";
        WorkerSettings settings = new WorkerSettings(
                Path.of("."),
                key,
                previousKey,
                Duration.ofMinutes(2),
                32,
                new WorkerSettings.Retry(Duration.ofSeconds(2), Duration.ofMinutes(5), 8),
                new WorkerSettings.GitLab(Duration.ofSeconds(5), Duration.ofSeconds(30), 16, 0, false),
                new WorkerSettings.SyncFollowUp(Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofMinutes(2)),
                Duration.ofMinutes(1),
                Duration.ofSeconds(30),
                "mm-worker",
                100);

        assertThat(settings.toString())
                .doesNotContain(key)
                .doesNotContain(previousKey)
                .contains("encryptionKey=****", "encryptionKeyPrevious=****", "sweepEvery=PT1M");
    }

    @Test
    void defaultsAreWrittenOnceInTheYml() throws IOException {
        WorkerSettings settings = bind(Map.of(), Map.of());

        assertThat(settings.encryptionKeyPrevious()).isNullOrEmpty();
        assertThat(settings.sweepEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.consumerGroup()).isEqualTo("mm-worker");
        assertThat(settings.pollRecords()).isEqualTo(100);
    }

    @Test
    void environmentVariablesAndPropertyKeysSetThemAsBefore() throws IOException {
        WorkerSettings fromEnvironment =
                bind(Map.of("MM_ENCRYPTION_KEY_PREVIOUS", "old-key", "MM_SHUTDOWN_TIMEOUT", "PT10S"), Map.of());

        assertThat(fromEnvironment.encryptionKeyPrevious()).isEqualTo("old-key");
        assertThat(fromEnvironment.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));

        WorkerSettings fromProperties = bind(
                Map.of("MM_SHUTDOWN_TIMEOUT", "PT10S"),
                Map.of(
                        "mm.worker.sweep-every", "PT5S",
                        "mm.worker.encryption-key-previous", "old-key",
                        "spring.lifecycle.timeout-per-shutdown-phase", "PT1S"));

        assertThat(fromProperties.sweepEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromProperties.encryptionKeyPrevious()).isEqualTo("old-key");
        assertThat(fromProperties.shutdownTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    /** worker-service.yml under the given environment variables and (higher still) properties. */
    private static WorkerSettings bind(Map<String, Object> environment, Map<String, Object> properties)
            throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new MapPropertySource("properties", properties));
        sources.addLast(new SystemEnvironmentPropertySource("environment", environment));
        new YamlPropertySourceLoader()
                .load("worker-service.yml", new ClassPathResource("worker-service.yml"))
                .forEach(sources::addLast);
        Binder binder = new Binder(
                ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
        return binder.bind("mm.worker", WorkerSettings.class).get();
    }
}
