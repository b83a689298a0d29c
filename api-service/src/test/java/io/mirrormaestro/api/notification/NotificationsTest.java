package io.mirrormaestro.api.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.kafka.JsonSerde;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * Channels, rules and deliveries end to end: a webhook receiver and an SMTP server (GreenMail) on 127.0.0.1 inside
 * the test, events through the real Kafka topic and the event journal.
 */
class NotificationsTest extends ApiIntegrationTest {

    private static final String SECRET = "whsec-" + UUID.randomUUID();
    private static final String SMTP_PASSWORD = "smtp-pw-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ExpiryWatch expiry;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    private final String group = "notify-" + UUID.randomUUID().toString().substring(0, 8);
    private final long firstMirror = 800_000_000L + (System.nanoTime() % 1_000_000) * 100;

    private Api api() {
        return new Api(port, USER, PASSWORD);
    }

    @AfterEach
    void forget() {
        mongo.remove(Query.query(where("source_project_path").regex("^" + group + "/")), MirrorCollection.NAME);
        mongo.remove(Query.query(where("group_path").regex("^" + group)), GroupTokenRecord.class);
        mongo.remove(Query.query(where("name").regex(group)), RuleRecord.class);
        mongo.remove(Query.query(where("name").regex(group)), ChannelRecord.class);
    }

    @Test
    void aWebhookTestIsSignedWithTheChannelSecretAndRetriedAfterA500() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Api.Answer created = api().post("/api/notifications/channels", webhook(receiver.url()));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            assertThat(created.raw()).doesNotContain(SECRET);
            assertThat(created.body().get("webhook").get("secret_set").asBoolean())
                    .isTrue();
            long id = created.body().get("id").asLong();
            assertThat(api().get("/api/notifications/channels").raw()).doesNotContain(SECRET);

            receiver.statuses.add(500);
            Api.Answer test = api().post("/api/notifications/channels/" + id + "/test", null);

            assertThat(test.status()).as(test.raw()).isEqualTo(200);
            assertThat(test.body().get("outcome").asString()).isEqualTo("delivered");
            assertThat(test.body().get("attempts").asInt()).isEqualTo(2);
            assertThat(test.body().get("response_code").asInt()).isEqualTo(200);
            assertThat(receiver.received).hasSize(2);
            for (Receiver.Request request : receiver.received) {
                assertThat(request.header("X-MirrorMaestro-Signature")).isEqualTo(hmac(request.body()));
                assertThat(request.header("X-MirrorMaestro-Delivery"))
                        .isEqualTo(test.body().get("id").asString());
                assertThat(request.text()).doesNotContain(SECRET);
            }
            JsonNode body = Api.parse(receiver.received.peek().text());
            assertThat(body.get("test").asBoolean()).isTrue();
            assertThat(body.get("channel").get("name").asString()).isEqualTo(group + "-hook");

            Api.Answer log = api().get("/api/notifications/deliveries?channel_id=" + id);
            assertThat(log.body().get("total").asLong()).isEqualTo(1);
            assertThat(log.body().get("deliveries").get(0).get("attempts").asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void aBurstOfFailuresIsOneMessageAndLaterOnesWaitForTheInterval() throws Exception {
        try (Receiver receiver = new Receiver();
                KafkaProducer<String, Event> events = producer()) {
            long channel = api().post("/api/notifications/channels", webhook(receiver.url()))
                    .body()
                    .get("id")
                    .asLong();
            Api.Answer rule = api().post(
                            "/api/notifications/rules",
                            "{\"name\":\"" + group + "-failures\",\"channel_id\":" + channel
                                    + ",\"events\":[\"mirror_failed\"],\"failure_threshold\":1,"
                                    + "\"group_paths\":[\"" + group + "\"]}");
            assertThat(rule.status()).as(rule.raw()).isEqualTo(201);
            int burst = 40;
            for (int i = 0; i <= burst; i++) {
                mirror(firstMirror + i);
            }
            for (int i = 0; i < burst; i++) {
                events.send(
                        new ProducerRecord<>(Topics.EVENTS, "mirror:" + (firstMirror + i), failed(firstMirror + i)));
            }
            events.flush();

            await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.received.isEmpty());
            JsonNode message = Api.parse(receiver.received.peek().text());
            assertThat(message.get("count").asInt()).isEqualTo(burst);
            assertThat(message.get("events")).hasSize(burst);
            assertThat(message.get("counts").get("mirror_failed").asInt()).isEqualTo(burst);
            assertThat(message.get("subject").asString()).contains(group + "-failures", burst + " mirror failed");
            assertThat(receiver.received.peek().header("X-MirrorMaestro-Signature"))
                    .isEqualTo(hmac(receiver.received.peek().body()));

            events.send(new ProducerRecord<>(
                    Topics.EVENTS, "mirror:" + (firstMirror + burst), failed(firstMirror + burst)));
            events.flush();
            long ruleId = rule.body().get("id").asLong();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> mongo.count(
                                    Query.query(where("rule_id")
                                            .is(ruleId)
                                            .and("sent_at")
                                            .is(null)),
                                    PendingItem.class)
                            == 1);
            await().during(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.received.size()
                            == 1); // within MM_NOTIFY_MIN_INTERVAL the new failure waits for the next message
            assertThat(api().get("/api/notifications/rules/" + ruleId)
                            .body()
                            .get("next_send_at")
                            .asString())
                    .isNotBlank();
        }
    }

    @Test
    void tokenWarningsAndATestGoOutByEmail() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.setUser("alerts@example.org", "mm-mailer", SMTP_PASSWORD);
        smtp.start();
        try {
            Api.Answer created = api().post(
                            "/api/notifications/channels",
                            "{\"name\":\"" + group + "-mail\",\"type\":\"email\",\"email\":{\"host\":\"127.0.0.1\","
                                    + "\"port\":" + smtp.getSmtp().getPort() + ",\"tls\":\"none\","
                                    + "\"username\":\"mm-mailer\",\"password\":\"" + SMTP_PASSWORD + "\","
                                    + "\"sender\":\"maestro@example.org\",\"recipients\":[\"ops@example.org\"]}}");
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            assertThat(created.raw()).doesNotContain(SMTP_PASSWORD);
            assertThat(created.body().get("email").get("password_set").asBoolean())
                    .isTrue();
            long channel = created.body().get("id").asLong();

            Api.Answer test = api().post("/api/notifications/channels/" + channel + "/test", null);
            assertThat(test.body().get("outcome").asString()).as(test.raw()).isEqualTo("delivered");
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage first = smtp.getReceivedMessages()[0];
            assertThat(first.getSubject()).isEqualTo("[Mirror Maestro] Test message for channel " + group + "-mail");
            assertThat(first.getAllRecipients()[0].toString()).isEqualTo("ops@example.org");

            LocalDate today = LocalDate.now(ZoneOffset.UTC); // the server's clock is UTC
            token(1, "soon", today.plusDays(5));
            token(2, "gone", today.minusDays(1));
            token(3, "far", today.plusDays(90));
            Api.Answer rule = api().post(
                            "/api/notifications/rules",
                            "{\"name\":\"" + group + "-tokens\",\"channel_id\":" + channel
                                    + ",\"events\":[\"token_expiring\",\"token_expired\"],"
                                    + "\"group_paths\":[\"" + group + "\"]}");
            assertThat(rule.status()).as(rule.raw()).isEqualTo(201);

            expiry.check();
            expiry.check(); // looked at again: nothing new to report

            assertThat(smtp.waitForIncomingEmail(30_000, 2)).isTrue();
            MimeMessage digest = smtp.getReceivedMessages()[1];
            assertThat(digest.getSubject())
                    .isEqualTo("[Mirror Maestro] " + group + "-tokens: 1 token expired, 1 token expiring");
            String text = ((String) digest.getContent()).replace("\r\n", "\n");
            assertThat(text)
                    .contains("Rule '" + group + "-tokens': 2 events since the last message.")
                    .contains("[token expiring] Group token soon of " + group + "/t1 expires on " + today.plusDays(5)
                            + " (7 days or less); 0 mirrors depend on it")
                    .contains("[token expired] Group token gone of " + group + "/t2 expired on " + today.minusDays(1))
                    .doesNotContain("far");
            assertThat(api().get("/api/notifications/deliveries?channel_id=" + channel)
                            .body()
                            .get("total")
                            .asLong())
                    .isEqualTo(2);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndNothingIsStored() {
        Map<String, String> bad = Map.of(
                "name",
                "{\"type\":\"webhook\",\"webhook\":{\"url\":\"https://example.org/h\",\"secret\":\"" + SECRET + "\"}}",
                "type",
                "{\"name\":\"" + group + "-x\",\"type\":\"sms\"}",
                "webhook.secret",
                "{\"name\":\"" + group + "-x\",\"type\":\"webhook\",\"webhook\":{\"url\":\"https://example.org/h\"}}",
                "webhook.url",
                "{\"name\":\"" + group + "-x\",\"type\":\"webhook\",\"webhook\":{\"url\":\"ftp://example.org/h\","
                        + "\"secret\":\"" + SECRET + "\"}}",
                "email",
                "{\"name\":\"" + group + "-x\",\"type\":\"email\"}");
        bad.forEach((field, body) -> {
            Api.Answer answer = api().post("/api/notifications/channels", body);
            assertThat(answer.status()).as(field + ": " + answer.raw()).isEqualTo(422);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.raw()).contains("\"field\":\"" + field).doesNotContain(SECRET);
        });
        Api.Answer rule = api().post(
                        "/api/notifications/rules",
                        "{\"name\":\"" + group + "-r\",\"channel_id\":999999999,\"events\":[\"mirror_failed\"]}");
        assertThat(rule.status()).isEqualTo(422);
        assertThat(rule.raw()).contains("\"field\":\"channel_id\"");
        Api.Answer events = api().post(
                        "/api/notifications/rules",
                        "{\"name\":\"" + group + "-r\",\"channel_id\":1,\"events\":[\"mirror_exploded\"]}");
        assertThat(events.status()).isEqualTo(422);
        assertThat(events.raw()).contains("\"field\":\"events");
        assertThat(mongo.count(Query.query(where("name").regex(group)), ChannelRecord.class))
                .isZero();
        assertThat(api().get("/api/notifications/deliveries?page_size=0").status())
                .isEqualTo(400);
    }

    private String webhook(String url) {
        return "{\"name\":\"" + group + "-hook\",\"type\":\"webhook\",\"webhook\":{\"url\":\"" + url
                + "\",\"secret\":\"" + SECRET + "\"}}";
    }

    private static String hmac(byte[] body) {
        return WebhookSender.signature(SECRET, body);
    }

    private KafkaProducer<String, Event> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new JsonSerde.EventSerializer());
    }

    private static Event failed(long mirror) {
        UUID id = UUID.randomUUID();
        return new CommandFailed(
                id, id, id, Instant.now(), "mirror:" + mirror, "SyncMirror", 1, 502, "GitLab answered 502", null);
    }

    private void mirror(long id) {
        org.bson.Document d = new org.bson.Document("_id", id)
                .append("instance_pair_id", 999_999L)
                .append("source_instance_id", 1L)
                .append("target_instance_id", 2L)
                .append("source_project_id", id)
                .append("source_project_path", group + "/p" + id)
                .append("target_project_id", id)
                .append("target_project_path", "mirrors/p" + id)
                .append("mirror_direction", "push")
                .append("enabled", true)
                .append("lifecycle", "active")
                .append("stuck", false)
                .append("orphaned", false);
        mongo.insert(d, MirrorCollection.NAME);
    }

    private void token(int n, String name, LocalDate expires) {
        Instant now = Instant.now();
        mongo.insert(new GroupTokenRecord(
                firstMirror + n,
                999_999L,
                group + "/t" + n,
                name,
                "v1:not-a-real-token",
                List.of("read_repository"),
                expires,
                now,
                now,
                now));
    }
}
