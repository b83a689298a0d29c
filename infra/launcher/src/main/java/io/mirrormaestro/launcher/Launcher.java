package io.mirrormaestro.launcher;

import io.mirrormaestro.embedded.EmbeddedStack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole system on one machine without Docker: embedded Kafka and MongoDB (unless addresses are given),
 * worker-service, api-service with the UI, and in demo mode two simulated GitLab instances already registered.
 * Ctrl-C stops everything in reverse order.
 */
public final class Launcher {

    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        LauncherSettings settings;
        try {
            settings = LauncherSettings.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("mirror-maestro: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (Boolean.getBoolean(BoundedJvm.INNER)) {
            BoundedJvm.followParent();
        }
        long started = System.nanoTime();
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopAll(running);
                            stopped.countDown();
                        },
                        "mm-shutdown"));

        try {
            String kafka = settings.kafkaBootstrapServers();
            String mongo = settings.mongoUri();
            if (kafka == null || mongo == null) {
                EmbeddedStack stack = EmbeddedStack.start(
                        settings.dataDir().resolve("infra"),
                        settings.embeddedKafkaPort(),
                        settings.embeddedKafkaControllerPort(),
                        settings.embeddedMongoPort(),
                        true);
                running.add(stack);
                kafka = kafka == null ? stack.kafkaBootstrapServers() : kafka;
                mongo = mongo == null ? stack.mongoConnectionString() + "/mirror-maestro" : mongo;
            }
            DemoEstate demo = null;
            if (settings.demo()) {
                demo = DemoEstate.start(settings.demoGitLabPortA(), settings.demoGitLabPortB());
                running.add(demo);
            }
            Map<String, Object> common = new HashMap<>();
            common.put("spring.kafka.bootstrap-servers", kafka);
            common.put("spring.mongodb.uri", mongo);
            common.put("mm.api.data-dir", settings.dataDir().toString());
            common.put("mm.worker.data-dir", settings.dataDir().toString());
            if (settings.encryptionKey() != null) {
                common.put("mm.api.encryption-key", settings.encryptionKey());
                common.put("mm.worker.encryption-key", settings.encryptionKey());
            }
            if (settings.demo() && System.getenv("MM_ALLOW_PRIVATE_ADDRESSES") == null) {
                // the simulated instances live on loopback
                common.put("mm.api.allow-private-addresses", true);
                common.put("mm.worker.gitlab.allow-private-addresses", true);
            }
            MirrorMaestroSystem system = new MirrorMaestroSystem(common);
            running.add(system);
            system.startTogether(settings.httpPort());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info(
                    "Mirror Maestro is up in {} ms: http://localhost:{} (data in {}; Ctrl-C stops)",
                    took.toMillis(),
                    system.apiPort(),
                    settings.dataDir());
            if (demo != null) {
                seedInBackground(demo, system.apiPort(), settings);
            }
            String extractInto = System.getProperty(StartCache.EXTRACT_INTO);
            if (extractInto != null) {
                extractInBackground(Path.of(extractInto));
            }
        } catch (Exception e) {
            // checked ones too: a port already taken is a BindException, and a main that throws leaves the
            // embedded broker's threads running, a process that hangs instead of saying why it stopped
            log.error("start-up failed: {}{}", e.getMessage(), portHint(e), e);
            System.exit(1);
        }
        stopped.await();
    }

    private static String portHint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return " (a port is taken: is Mirror Maestro already running? MM_HTTP_PORT, MM_EMBEDDED_KAFKA_PORT,"
                        + " MM_EMBEDDED_KAFKA_CONTROLLER_PORT, MM_EMBEDDED_MONGODB_PORT and MM_DEMO_GITLAB_PORT_A/B"
                        + " choose others)";
            }
        }
        return "";
    }

    /** The jar extracted for the runs after this one (see {@link StartCache}), while this one serves. */
    private static void extractInBackground(Path into) {
        Thread extracting = new Thread(
                () -> {
                    try {
                        StartCache.extractInto(into);
                        log.info("the jar is extracted in {}: the next start is faster", into);
                    } catch (IOException | RuntimeException e) {
                        log.warn(
                                "could not extract the jar for faster starts ({}): starts stay as they are",
                                e.toString());
                    }
                },
                "mm-start-cache");
        extracting.setDaemon(true);
        extracting.setPriority(Thread.MIN_PRIORITY);
        extracting.start();
    }

    /**
     * Seeding creates a few dozen mirrors through the API and waits for GitLab's verdicts, which takes a few seconds:
     * the system is usable meanwhile, and the estate fills up live.
     */
    private static void seedInBackground(DemoEstate demo, int apiPort, LauncherSettings settings) {
        Thread seeding = new Thread(
                () -> {
                    try {
                        DemoEstate.Seeded seeded = demo.seed(apiPort, settings.authUsername(), settings.authPassword());
                        if (seeded.created()) {
                            log.info(seeded.summary());
                        } else {
                            log.info(
                                    "demo estate already there: {} pairs, {} mirrors",
                                    seeded.pairs(),
                                    seeded.mirrors());
                        }
                    } catch (RuntimeException e) {
                        log.warn(
                                "demo estate not seeded: {}{}",
                                e.getMessage(),
                                "false".equalsIgnoreCase(System.getenv("MM_ALLOW_PRIVATE_ADDRESSES"))
                                        ? " (the demo's GitLab instances are on loopback: leave"
                                                + " MM_ALLOW_PRIVATE_ADDRESSES unset or true)"
                                        : "");
                    }
                },
                "mm-demo-seeding");
        seeding.setDaemon(true);
        seeding.start();
    }

    private static void stopAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.warn("while stopping {}: {}", running.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
