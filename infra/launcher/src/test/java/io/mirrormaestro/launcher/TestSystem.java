package io.mirrormaestro.launcher;

import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Settings for a whole system (api-service and worker-service) on the shared test Kafka and MongoDB, isolated from
 * other test classes: its own database, consumer group, JobRunr store and encryption key.
 */
final class TestSystem {

    private TestSystem() {}

    static Map<String, Object> settings(Map<String, Object> extra) {
        TestInfrastructure.Endpoints infra = TestInfrastructure.endpoints();
        String key = TokenKey.generateBase64();
        String dir;
        try {
            dir = Files.createTempDirectory("mm-system").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String database = "system-" + UUID.randomUUID();
        Map<String, Object> settings = new HashMap<>(Map.of(
                "spring.kafka.bootstrap-servers",
                infra.kafkaBootstrapServers(),
                "spring.mongodb.uri",
                infra.mongoUri() + "/" + database,
                "mm.api.data-dir",
                dir,
                "mm.worker.data-dir",
                dir,
                "mm.api.encryption-key",
                key,
                "mm.worker.encryption-key",
                key,
                "mm.api.allow-private-addresses",
                "true",
                "mm.worker.retry.initial-backoff",
                "PT1S",
                "mm.worker.consumer-group",
                "mm-worker-" + UUID.randomUUID(),
                "jobrunr.database.database-name",
                "jobs-" + UUID.randomUUID()));
        settings.put("mm.worker.gitlab.allow-private-addresses", "true"); // the simulated GitLabs are on loopback
        settings.putAll(TestInfrastructure.journal(database));
        settings.putAll(extra);
        return settings;
    }

    static MirrorMaestroSystem start(Map<String, Object> extra) {
        return new MirrorMaestroSystem(settings(extra)).startWorker().startApi(0);
    }
}
