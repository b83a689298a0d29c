package io.mirrormaestro.embedded;

import java.nio.file.Path;

/** Kafka and MongoDB for one machine: what the launcher runs and what integration tests use without Docker. */
public final class EmbeddedStack implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final EmbeddedMongo mongo;

    private EmbeddedStack(EmbeddedKafka kafka, EmbeddedMongo mongo) {
        this.kafka = kafka;
        this.mongo = mongo;
    }

    /**
     * @param dataDir Kafka's log directory goes to {@code dataDir/kafka}, MongoDB's file to {@code dataDir/mongo.h2}
     * @param persistentMongo false keeps MongoDB in memory (tests)
     */
    public static EmbeddedStack start(
            Path dataDir, int kafkaPort, int kafkaControllerPort, int mongoPort, boolean persistentMongo) {
        EmbeddedMongo mongo = EmbeddedMongo.start(persistentMongo ? dataDir.resolve("mongo.h2") : null, mongoPort);
        try {
            EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort, kafkaControllerPort);
            return new EmbeddedStack(kafka, mongo);
        } catch (RuntimeException e) {
            mongo.close();
            throw e;
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String mongoConnectionString() {
        return mongo.connectionString();
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            mongo.close();
        }
    }
}
