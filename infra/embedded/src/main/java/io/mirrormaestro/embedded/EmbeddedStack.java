package io.mirrormaestro.embedded;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
        // the two start at once (the broker takes about two seconds, the store as long as its file takes to read)
        CompletableFuture<EmbeddedKafka> kafka = CompletableFuture.supplyAsync(
                () -> EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort, kafkaControllerPort),
                task -> new Thread(task, "mm-kafka-start").start());
        EmbeddedMongo mongo;
        try {
            mongo = EmbeddedMongo.start(persistentMongo ? dataDir.resolve("mongo.h2") : null, mongoPort);
        } catch (Exception e) { // a port taken is a BindException, thrown although undeclared
            kafka.thenAccept(EmbeddedKafka::close);
            throw e;
        }
        try {
            return new EmbeddedStack(kafka.join(), mongo);
        } catch (CompletionException e) {
            mongo.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
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
