package io.mirrormaestro.launcher;

import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.embedded.EmbeddedStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system with the demo estate seeded, on free ports, for tests that need a populated system (browser tests
 * of the UI, say): two simulated GitLab instances, worker-service and api-service, and the estate {@link DemoEstate}
 * describes. {@link #start()} brings its own embedded Kafka and MongoDB; {@link #start(Map)} uses the ones the
 * settings name. {@code start} returns once every mirror has GitLab's status; {@link #close()} stops everything.
 *
 * <pre>{@code
 * try (DemoSystem demo = DemoSystem.start()) {
 *     page.navigate(demo.baseUrl() + "/mirrors?status=failed"); // as admin / changeme
 * }
 * }</pre>
 */
public final class DemoSystem implements AutoCloseable {

    public static final String USERNAME = "admin";
    public static final String PASSWORD = "changeme";

    private final List<AutoCloseable> running;
    private final MirrorMaestroSystem system;
    private final DemoEstate estate;
    private final DemoEstate.Seeded seeded;

    private DemoSystem(
            List<AutoCloseable> running, MirrorMaestroSystem system, DemoEstate estate, DemoEstate.Seeded seeded) {
        this.running = running;
        this.system = system;
        this.estate = estate;
        this.seeded = seeded;
    }

    /** On an embedded Kafka and MongoDB of its own, in a temporary directory. */
    public static DemoSystem start() {
        Path dir = tempDir();
        EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0, 0, false);
        Map<String, Object> settings = new HashMap<>();
        settings.put("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
        settings.put("spring.mongodb.uri", stack.mongoConnectionString() + "/mirror-maestro");
        try {
            return start(settings, stack);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * On the Kafka and MongoDB the settings name ({@code spring.kafka.bootstrap-servers}, {@code spring.mongodb.uri}
     * with a database of its own); any other service setting may be given too. Credentials are
     * {@link #USERNAME}/{@link #PASSWORD}; the data directory and encryption key are its own unless given.
     */
    public static DemoSystem start(Map<String, Object> settings) {
        return start(settings, null);
    }

    private static DemoSystem start(Map<String, Object> given, AutoCloseable infrastructure) {
        Map<String, Object> settings = new HashMap<>(given);
        String dir = tempDir().toString();
        String key = TokenKey.generateBase64();
        settings.putIfAbsent("mm.api.data-dir", dir);
        settings.putIfAbsent("mm.worker.data-dir", dir);
        settings.putIfAbsent("mm.api.encryption-key", key);
        settings.putIfAbsent("mm.worker.encryption-key", key);
        settings.putIfAbsent("mm.api.allow-private-addresses", "true"); // the simulated instances are on loopback
        settings.putIfAbsent("mm.worker.gitlab.allow-private-addresses", "true");
        settings.putIfAbsent("mm.api.auth.username", USERNAME);
        settings.putIfAbsent("mm.api.auth.password", PASSWORD);
        settings.putIfAbsent("mm.worker.consumer-group", "mm-worker-" + UUID.randomUUID());
        settings.putIfAbsent("jobrunr.database.database-name", "jobs-" + UUID.randomUUID());
        List<AutoCloseable> running = new ArrayList<>();
        if (infrastructure != null) {
            running.add(infrastructure);
        }
        try {
            DemoEstate estate = DemoEstate.start(0, 0);
            running.add(estate);
            MirrorMaestroSystem system = new MirrorMaestroSystem(settings);
            running.add(system);
            system.startWorker().startApi(0);
            DemoEstate.Seeded seeded = estate.seed(
                    system.apiPort(),
                    String.valueOf(settings.get("mm.api.auth.username")),
                    String.valueOf(settings.get("mm.api.auth.password")));
            return new DemoSystem(running, system, estate, seeded);
        } catch (RuntimeException e) {
            stopAll(running);
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}: the UI, the REST API under {@code /api} and the WebSocket at {@code /ws}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + system.apiPort();
    }

    public int port() {
        return system.apiPort();
    }

    /** What the seeding created: counts of pairs, tokens, mirrors by status. */
    public DemoEstate.Seeded seeded() {
        return seeded;
    }

    public DemoEstate estate() {
        return estate;
    }

    public MirrorMaestroSystem system() {
        return system;
    }

    @Override
    public void close() {
        stopAll(running);
    }

    private static void stopAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
        running.clear();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("mm-demo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
