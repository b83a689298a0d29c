package io.mirrormaestro.bench;

import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.embedded.EmbeddedStack;
import io.mirrormaestro.launcher.MirrorMaestroSystem;
import java.nio.file.Path;
import java.util.Map;

/** The settings every in-JVM benchmark gives the system: the embedded stack, a data directory, one key, quiet logs. */
final class BenchSystem {

    private BenchSystem() {}

    static MirrorMaestroSystem on(EmbeddedStack stack, Path dir) {
        return new MirrorMaestroSystem(settings(stack, dir));
    }

    /** The same settings, for a benchmark that adds its own. */
    static Map<String, Object> settings(EmbeddedStack stack, Path dir) {
        String key = TokenKey.generateBase64();
        return Map.of(
                "spring.kafka.bootstrap-servers",
                stack.kafkaBootstrapServers(),
                "spring.mongodb.uri",
                stack.mongoConnectionString() + "/bench",
                "mm.api.data-dir",
                dir.toString(),
                "mm.worker.data-dir",
                dir.toString(),
                "mm.api.encryption-key",
                key,
                "mm.worker.encryption-key",
                key,
                "mm.api.allow-private-addresses",
                "true",
                "mm.worker.gitlab.allow-private-addresses",
                "true",
                "logging.level.root",
                "WARN");
    }
}
