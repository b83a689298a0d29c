package io.mirrormaestro.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStackTest {

    @TempDir
    Path dataDir;

    @Test
    void kafkaRecordsAndMongoDocumentsSurviveARestart() throws Exception {
        int kafkaPort = FreePorts.pick();
        int controllerPort = FreePorts.pick();
        int mongoPort = FreePorts.pick();

        try (EmbeddedStack stack = EmbeddedStack.start(dataDir, kafkaPort, controllerPort, mongoPort, true)) {
            produce(stack.kafkaBootstrapServers(), "durable", "k", "first run");
            try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
                client.getDatabase("t").getCollection("c").insertOne(new Document("_id", "a").append("v", 1));
                client.getDatabase("t")
                        .getCollection("c")
                        .createIndex(Indexes.ascending("v"), new IndexOptions().unique(true));
            }
        }

        try (EmbeddedStack stack = EmbeddedStack.start(dataDir, kafkaPort, controllerPort, mongoPort, true)) {
            assertThat(consumeAll(stack.kafkaBootstrapServers(), "durable"))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("first run");
            try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
                Document back =
                        client.getDatabase("t").getCollection("c").find().first();
                assertThat(back).containsEntry("_id", "a").containsEntry("v", 1);
                // unique indexes are rebuilt from the documents when the file is opened again
                var c = client.getDatabase("t").getCollection("c");
                assertThatThrownBy(() -> c.insertOne(new Document("_id", "a"))).hasMessageContaining("duplicate key");
                assertThatThrownBy(() -> c.insertOne(new Document("_id", "b").append("v", 1)))
                        .hasMessageContaining("duplicate key");
                assertThat(c.find(new Document("_id", "a").append("v", 1)).first())
                        .isNotNull();
            }
        }
    }

    @Test
    void droppingAllIndexesOfOneCollectionLeavesTheOthersAlone() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(null, 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase db = client.getDatabase("jobs");
            db.getCollection("a").createIndex(Indexes.ascending("x"), new IndexOptions().unique(true));
            db.getCollection("b").createIndex(Indexes.ascending("y"), new IndexOptions().unique(true));

            db.getCollection("a").dropIndexes();

            assertThat(indexNames(db, "a")).containsExactly("_id_");
            assertThat(indexNames(db, "b")).containsExactlyInAnyOrder("_id_", "y_1");
        }
    }

    @Test
    void answersTheHelloHandshakeLikeIsMaster() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(null, 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));

            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
        }
    }

    @Test
    void queriesPinningTheIdStillMatchTheirOtherConditions() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(null, 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            var lines = client.getDatabase("t").getCollection("lines");
            lines.insertMany(List.of(
                    new Document("_id", "a").append("status", "pending"),
                    new Document("_id", "b").append("status", "done"),
                    new Document("_id", "c").append("status", "pending")));

            assertThat(lines.updateOne(
                                    Filters.and(Filters.eq("_id", "a"), Filters.eq("status", "done")),
                                    Updates.set("status", "again"))
                            .getModifiedCount())
                    .isZero();
            assertThat(lines.updateOne(
                                    new Document("_id", "a").append("status", "pending"), Updates.set("status", "done"))
                            .getModifiedCount())
                    .isEqualTo(1);
            assertThat(lines.updateMany(
                                    new Document("_id", new Document("$in", List.of("a", "b", "c", "z")))
                                            .append("status", "done"),
                                    Updates.set("seen", true))
                            .getModifiedCount())
                    .isEqualTo(2);
            assertThat(lines.find(new Document("$and", List.of(new Document("_id", "c"), new Document("seen", true))))
                            .first())
                    .isNull();
            assertThat(lines.find(new Document("_id", "missing").append("status", "done"))
                            .first())
                    .isNull();
            assertThat(lines.find(Filters.and(Filters.eq("_id", "b"), Filters.eq("seen", true)))
                            .first())
                    .containsEntry("status", "done");
        }
    }

    private static List<String> indexNames(MongoDatabase db, String collection) {
        List<String> names = new ArrayList<>();
        db.getCollection(collection).listIndexes().forEach(d -> names.add(d.getString("name")));
        return names;
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        Properties p = new Properties();
        p.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
