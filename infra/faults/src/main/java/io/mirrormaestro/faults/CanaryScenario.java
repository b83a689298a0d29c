package io.mirrormaestro.faults;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.mirrormaestro.common.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;

/**
 * Known token values are registered, used, rotated, exported and imported with every logger of every service at
 * DEBUG, then looked for everywhere they could leak to: HTTP answers, the services' output, Kafka records, WebSocket
 * frames, the export file and every stored document. GitLab itself (the simulator) is the one place they belong.
 */
final class CanaryScenario {

    private CanaryScenario() {}

    static Outcome run(Stack stack) throws Exception {
        Map<String, Long> logFrom = new LinkedHashMap<>();
        for (Proc service : services(stack)) {
            logFrom.put(service.name(), Files.exists(service.log()) ? Files.size(service.log()) : 0);
        }
        stack.env("LOGGING_LEVEL_ROOT", "DEBUG");
        services(stack).forEach(Proc::stop);
        stack.startServices();
        Steps steps = new Steps(stack);
        String groupToken = canary();
        String rotatedGroupToken = canary();
        String instanceToken = canary();
        String rotatedInstanceToken = canary();
        List<String> canaries = List.of(groupToken, rotatedGroupToken, instanceToken, rotatedInstanceToken);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            paths.add("canary/app-" + i);
        }
        stack.source.projects(paths);
        stack.target.projects(paths);
        stack.target.token(Map.of(
                "type",
                "group",
                "group",
                "canary",
                "name",
                "canary-bot",
                "scopes",
                List.of("write_repository"),
                "access_level",
                40,
                "token",
                groupToken));
        stack.target.token(Map.of(
                "type",
                "group",
                "group",
                "canary",
                "name",
                "canary-bot-2",
                "scopes",
                List.of("write_repository"),
                "access_level",
                40,
                "token",
                rotatedGroupToken));
        for (String token : List.of(instanceToken, rotatedInstanceToken)) {
            stack.source.token(Map.of(
                    "type",
                    "personal",
                    "user",
                    "root",
                    "name",
                    "canary-" + token.hashCode(),
                    "scopes",
                    List.of("api"),
                    "token",
                    token));
        }
        List<String> answers = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        String exported;
        try (Stomp browser = new Stomp(
                stack.apiPort,
                Stack.USER,
                Stack.PASSWORD,
                List.of("/topic/activity", "/topic/estate", "/topic/batches/*"))) {
            Http http = stack.http();
            answers.add(record(http.put("/api/instances/" + stack.sourceId, "{\"token\":\"" + instanceToken + "\"}")));
            Http.Answer token = http.post(
                    "/api/tokens",
                    "{\"gitlab_instance_id\":" + stack.targetId
                            + ",\"group_path\":\"canary\",\"token_name\":\"canary-bot\",\"token\":\"" + groupToken
                            + "\"}");
            answers.add(record(token));
            long tokenId = token.json().path("id").asLong();
            String batch = steps.startImport(paths);
            Duration took = steps.awaitEnded(batch);
            violations.addAll(steps.importInvariants(batch, paths, took));
            answers.add(record(http.put("/api/tokens/" + tokenId, "{\"token\":\"" + rotatedGroupToken + "\"}")));
            answers.add(record(
                    http.put("/api/instances/" + stack.sourceId, "{\"token\":\"" + rotatedInstanceToken + "\"}")));
            answers.add(record(http.post("/api/instances/" + stack.sourceId + "/check", "")));
            steps.eventually("re-credentialing ended", () -> unfinished(stack) == 0);
            Http.Answer export = http.get("/api/export/pair/" + stack.pairId);
            answers.add(record(export));
            exported = export.body();
            Http.Answer reimport = http.post("/api/export/pair/" + stack.pairId, exported);
            answers.add(record(reimport));
            if (reimport.status() == 202) {
                steps.awaitEnded(reimport.json().path("batch_id").asString());
            }
            for (String read : List.of(
                    "/api/tokens",
                    "/api/tokens/" + tokenId,
                    "/api/instances",
                    "/api/instances/" + stack.sourceId,
                    "/api/mirrors?page_size=200",
                    "/api/activity?limit=500",
                    "/api/commands?limit=200",
                    "/api/batches/" + batch)) {
                answers.add(record(http.get(read)));
            }
            steps.eventually("frames arrived", () -> browser.frames().size() > 3);
            look(canaries, "WebSocket frames", String.join("\n", browser.frames()), violations);
        }
        look(canaries, "HTTP answers", String.join("\n", answers), violations);
        look(canaries, "the export file", exported, violations);
        for (Proc service : services(stack)) {
            look(
                    canaries,
                    service.name() + "'s output at DEBUG",
                    since(service.log(), logFrom.get(service.name())),
                    violations);
        }
        look(canaries, "Kafka records", kafkaRecords(stack), violations);
        for (String database : List.of("faults", "faults-jobs")) {
            lookInDocuments(canaries, stack.mongoClient().getDatabase(database), violations);
        }
        long debugLines = services(stack).stream()
                .mapToLong(s -> since(s.log(), logFrom.get(s.name()))
                        .lines()
                        .filter(l -> l.contains("DEBUG"))
                        .count())
                .sum();
        return new Outcome(
                "Token canary",
                "with every logger of api-service and both workers at DEBUG: an instance token and a group token"
                        + " registered, used by an import of 4, both rotated, the instance checked, the pair exported"
                        + " and the export imported again",
                "the 4 token values appear in no HTTP answer, service output, Kafka record, WebSocket frame, export"
                        + " file or stored document (jobs included)",
                violations,
                null,
                debugLines + " DEBUG lines and " + answers.size() + " answers scanned");
    }

    private static List<Proc> services(Stack stack) {
        List<Proc> services = new ArrayList<>(List.of(stack.api));
        services.addAll(stack.workers);
        return services;
    }

    private static String canary() {
        StringBuilder value = new StringBuilder("mmcanary");
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 24; i++) {
            value.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return value.toString();
    }

    private static String record(Http.Answer answer) {
        return answer.status() + " " + answer.headers() + " " + answer.body();
    }

    private static long unfinished(Stack stack) {
        return stack.store()
                .getCollection("commands")
                .countDocuments(Filters.in("status", "ACCEPTED", "RUNNING", "RETRY_SCHEDULED"));
    }

    private static void look(List<String> canaries, String where, String text, List<String> violations) {
        if (text == null) {
            return;
        }
        for (String canary : canaries) {
            int at = text.indexOf(canary);
            if (at >= 0) {
                int from = Math.max(0, at - 120);
                violations.add("a token in " + where + ": ..."
                        + text.substring(from, Math.min(text.length(), at + canary.length() + 40))
                                .replace(canary, "<CANARY>")
                        + "...");
            }
        }
    }

    private static String since(Path log, long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            int start = (int) Math.min(from, all.length);
            return new String(all, start, all.length - start, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String kafkaRecords(Stack stack) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.kafkaPort);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "canary-scan-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        StringBuilder all = new StringBuilder();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.COMMANDS, Topics.EVENTS));
            int empty = 0;
            while (empty < 5) {
                var records = consumer.poll(Duration.ofSeconds(1));
                empty = records.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<String, byte[]> r : records) {
                    all.append(r.key())
                            .append(' ')
                            .append(new String(r.value(), StandardCharsets.UTF_8))
                            .append('\n');
                }
            }
        }
        return all.toString();
    }

    /** Every stored document, a thousand at a time (after the long scenarios the store holds some 200,000). */
    private static void lookInDocuments(List<String> canaries, MongoDatabase database, List<String> violations) {
        for (String collection : database.listCollectionNames()) {
            StringBuilder chunk = new StringBuilder();
            int n = 0;
            for (Document d : database.getCollection(collection).find().batchSize(500)) {
                chunk.append(d.toJson()).append('\n');
                if (++n % 1000 == 0) {
                    look(canaries, where(database, collection), chunk.toString(), violations);
                    chunk.setLength(0);
                }
            }
            look(canaries, where(database, collection), chunk.toString(), violations);
        }
    }

    private static String where(MongoDatabase database, String collection) {
        return "stored documents of " + database.getName() + "." + collection;
    }
}
