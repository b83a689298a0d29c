package io.mirrormaestro.worker.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.worker.WorkerSettings;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

/** The GitLab settings as worker-service.yml defines them, without any environment variable set. */
class GitLabSettingsTest {

    @Test
    void defaultsAreSixteenConcurrentRequestsAndNoRateLimit() throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        new YamlPropertySourceLoader()
                .load("worker-service.yml", new ClassPathResource("worker-service.yml"))
                .forEach(sources::addLast);
        Binder binder = new Binder(
                ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));

        WorkerSettings.GitLab gitlab =
                binder.bind("mm.worker.gitlab", WorkerSettings.GitLab.class).get();

        assertThat(gitlab.maxConcurrentRequests()).isEqualTo(16);
        assertThat(gitlab.requestsPerMinute()).isZero();
        assertThat(gitlab.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
