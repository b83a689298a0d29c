package io.mirrormaestro.testing;

import io.mirrormaestro.embedded.EmbeddedStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Kafka and MongoDB for integration tests, started once per test JVM: real {@code apache/kafka} and {@code mongo}
 * containers when a Docker engine answers, the embedded stack (in-process KRaft broker, mongo-java-server)
 * otherwise. Both stop when the JVM exits.
 */
public final class TestInfrastructure {

    private static volatile Endpoints endpoints;

    private TestInfrastructure() {}

    public record Endpoints(String kafkaBootstrapServers, String mongoUri, String kind) {}

    public static Endpoints endpoints() {
        Endpoints current = endpoints;
        if (current == null) {
            synchronized (TestInfrastructure.class) {
                if (endpoints == null) {
                    endpoints = dockerAvailable() ? startContainers() : startEmbedded();
                }
                current = endpoints;
            }
        }
        return current;
    }

    /** Points a Spring test context at the shared Kafka and MongoDB. */
    public static void register(DynamicPropertyRegistry registry, String database) {
        Endpoints e = endpoints();
        registry.add("spring.kafka.bootstrap-servers", e::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", () -> e.mongoUri() + "/" + database);
        registry.add("spring.mongodb.database", () -> database);
        journal(database).forEach((key, value) -> registry.add(key, () -> value));
    }

    /**
     * api-service's event journal for a test system sharing the test Kafka: a consumer group of its own, starting
     * from the newest event (the shared topics hold other test systems' events, which are not its own).
     */
    public static java.util.Map<String, String> journal(String database) {
        return java.util.Map.of(
                "mm.api.journal-consumer-group", "journal-" + database, "mm.api.journal-offset-reset", "latest");
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("mm.test.embedded")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Endpoints startContainers() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
        kafka.start();
        mongo.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            mongo.stop();
        }));
        return new Endpoints(kafka.getBootstrapServers(), mongo.getConnectionString(), "containers");
    }

    private static Endpoints startEmbedded() {
        Path dir;
        try {
            dir = Files.createTempDirectory("mm-test-infra");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0, 0, false);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "mm-test-infra-stop"));
        return new Endpoints(stack.kafkaBootstrapServers(), stack.mongoConnectionString(), "embedded");
    }
}
