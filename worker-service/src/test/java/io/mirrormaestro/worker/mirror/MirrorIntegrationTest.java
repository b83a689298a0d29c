package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.LEGACY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.TOKEN_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.kafka.Json;
import io.mirrormaestro.common.kafka.JsonSerde;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.TestInfrastructure;
import io.mirrormaestro.worker.WorkerApplication;
import io.mirrormaestro.worker.gitlab.GitLabGateway;
import io.mirrormaestro.worker.gitlab.GitLabGateways;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One worker application on real Kafka and MongoDB (embedded without Docker) against the GitLab simulator, shared by
 * the mirror integration tests. Tests seed MongoDB as api-service would, publish commands to Kafka after recording
 * them, and judge by what GitLab received and holds and by the mirror document.
 */
@SpringBootTest(
        classes = WorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + WorkerApplication.CONFIG_NAME,
            "mm.ops.metrics-password=" + MirrorIntegrationTest.METRICS_PASSWORD,
            "mm.worker.encryption-key=jat5DXNXghBIzHS42wozc8IVurTxTRTfSbTmuE1cWkdCvZZhb+xD0JrfhpEOT+jW",
            "mm.worker.retry.initial-backoff=PT1S",
            "mm.worker.gitlab.allow-private-addresses=true"
        })
@Import(MirrorIntegrationTest.TestClock.class)
abstract class MirrorIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String METRICS_PASSWORD = "scrape-only-test-password";

    static final long A_ID = 1;
    static final long B_ID = 2;
    static final long LEGACY_ID = 3;
    static final long PUSH_PAIR = 1;
    static final long PULL_PAIR = 2;
    static final long LEGACY_PULL_PAIR = 3;
    static final long LEGACY_PUSH_PAIR = 4;
    static final long STRICT_ID = 4;
    static final long NEWEST_ID = 5;
    static final long STRICT_PUSH_PAIR = 5;
    static final long NEWEST_PUSH_PAIR = 6;
    static final long PUSH_TOKEN_ID = 1;
    static final long PULL_TOKEN_ID = 2;

    private static final String RUN = UUID.randomUUID().toString();
    private static final AtomicLong IDS = new AtomicLong(100);
    private static KafkaProducer<String, Command> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "mirror-it-" + RUN);
        registry.add("mm.worker.consumer-group", () -> "mm-worker-" + RUN);
        registry.add("jobrunr.database.database-name", () -> "jobs-" + RUN);
        registry.add("mm.worker.data-dir", () -> System.getProperty("java.io.tmpdir"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        ShiftableClock shiftableClock() {
            return new ShiftableClock();
        }
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TokenCipher cipher;

    @Autowired
    ShiftableClock clock;

    @Autowired
    GitLabGateways gateways;

    @Autowired
    KafkaListenerEndpointRegistry commandListeners;

    /**
     * A context that has just started (or whose consumers another context's start made rebalance) may not be reading
     * every partition yet: a command sent then could land on a partition whose consumer joins after it and starts
     * from the end. Waits until each of this context's consumers has its partitions (bounded: with many contexts
     * alive in the shared group some consumers rightly hold none).
     */
    @BeforeEach
    void consumersAssigned() {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> commandListeners.getListenerContainers().stream()
                    .filter(MessageListenerContainer::isRunning)
                    .allMatch(c -> c.getAssignedPartitions() != null
                            && !c.getAssignedPartitions().isEmpty()));
        } catch (ConditionTimeoutException someHoldNone) {
            // several contexts share the group: fine, the group is stable by now
        }
    }

    /** Upserts with fixed ids: the context, and so the database, is shared by every test class. */
    @BeforeEach
    void seedConfiguration() {
        EventLog.start(TestInfrastructure.endpoints().kafkaBootstrapServers());
        mongo.save(instance(A_ID, A, SimulatedEstate.A_ADMIN));
        mongo.save(instance(B_ID, B, SimulatedEstate.B_ADMIN));
        mongo.save(instance(LEGACY_ID, LEGACY, SimulatedEstate.LEGACY_ADMIN));
        mongo.save(pair(PUSH_PAIR, A_ID, B_ID, "push"));
        mongo.save(pair(PULL_PAIR, A_ID, B_ID, "pull"));
        mongo.save(pair(LEGACY_PULL_PAIR, A_ID, LEGACY_ID, "pull"));
        mongo.save(pair(LEGACY_PUSH_PAIR, LEGACY_ID, B_ID, "push"));
        mongo.save(instance(STRICT_ID, SimulatedEstate.STRICT, SimulatedEstate.STRICT_ADMIN));
        mongo.save(instance(NEWEST_ID, SimulatedEstate.NEWEST, SimulatedEstate.NEWEST_ADMIN));
        mongo.save(pair(STRICT_PUSH_PAIR, STRICT_ID, B_ID, "push"));
        mongo.save(pair(NEWEST_PUSH_PAIR, NEWEST_ID, B_ID, "push"));
        mongo.save(groupToken(PUSH_TOKEN_ID, B_ID, "mirror", "push-bot", SimulatedEstate.PUSH_TOKEN));
        mongo.save(groupToken(PULL_TOKEN_ID, A_ID, "upstream", "pull-bot", SimulatedEstate.PULL_TOKEN));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- seeding, as api-service writes it

    MirrorRecord newPushMirror(SimProject source, SimProject target, boolean enabled, MirrorRecord.Overrides o) {
        return newMirror(PUSH_PAIR, A_ID, B_ID, source, target, "push", enabled, o);
    }

    MirrorRecord newPullMirror(
            long pairId, long targetInstanceId, SimProject source, SimProject target, MirrorRecord.Overrides o) {
        return newMirror(pairId, A_ID, targetInstanceId, source, target, "pull", true, o);
    }

    MirrorRecord newMirror(
            long pairId,
            long sourceInstanceId,
            long targetInstanceId,
            SimProject source,
            SimProject target,
            String direction,
            boolean enabled,
            MirrorRecord.Overrides overrides) {
        Instant now = Instant.now();
        MirrorRecord mirror = MirrorRecord.desired(
                IDS.incrementAndGet(),
                pairId,
                sourceInstanceId,
                targetInstanceId,
                source.id(),
                source.pathWithNamespace(),
                target.id(),
                target.pathWithNamespace(),
                direction,
                overrides,
                enabled,
                MirrorRecord.PENDING,
                now);
        mongo.insert(mirror);
        return mirror;
    }

    /** A mirror created through the worker, as an active one in daily life is. */
    MirrorRecord created(MirrorRecord mirror) {
        succeeded(send(mirror.id(), Orders.CREATE));
        return mirror(mirror.id());
    }

    long saveGroupToken(long instanceId, String groupPath, String name, String value) {
        return saveGroupToken(IDS.incrementAndGet(), instanceId, groupPath, name, value);
    }

    long saveGroupToken(long id, long instanceId, String groupPath, String name, String value) {
        mongo.save(groupToken(id, instanceId, groupPath, name, value));
        return id;
    }

    void changeMirror(long id, Update update) {
        mongo.updateFirst(new Query(where("_id").is(id)), update, MirrorRecord.class);
    }

    MirrorRecord mirror(long id) {
        return mongo.findById(id, MirrorRecord.class);
    }

    static MirrorRecord.Overrides overrides(Boolean overwriteDiverged, Boolean onlyProtected, String regex) {
        return new MirrorRecord.Overrides(null, overwriteDiverged, null, onlyProtected, regex, null);
    }

    // ---- commands, as api-service issues them

    UUID send(long mirrorId, Orders action) {
        return send(action.of(mirrorId));
    }

    UUID send(MirrorCommand command) {
        mongo.insert(CommandRecord.accepted(
                command.commandId(),
                command.typeName(),
                command.subjectId(),
                Json.mapper().writeValueAsString(command),
                Instant.now()));
        return publish(command);
    }

    private UUID publish(MirrorCommand command) {
        try {
            producer()
                    .send(new ProducerRecord<>(Topics.COMMANDS, command.partitionKey(), command))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + command.typeName(), e);
        }
        return command.commandId();
    }

    /**
     * Issues the command as if a worker had claimed its first attempt and died mid-way (its lease long over), so the
     * worker that receives it runs attempt 2.
     */
    UUID sendAfterCrash(MirrorCommand command) {
        Instant before = Instant.now().minusSeconds(600);
        mongo.insert(new CommandRecord(
                command.commandId(),
                command.typeName(),
                command.subjectId(),
                Json.mapper().writeValueAsString(command),
                CommandStatus.RUNNING,
                1,
                true,
                before,
                before,
                before.plusSeconds(60),
                null,
                null,
                null,
                "died@elsewhere"));
        return publish(command);
    }

    CommandRecord awaitStatus(UUID commandId, CommandStatus status) {
        return await().atMost(WAIT)
                .until(() -> mongo.findById(commandId, CommandRecord.class), r -> r != null && r.status() == status);
    }

    CommandRecord awaitFinal(UUID commandId) {
        return await().atMost(WAIT)
                .until(
                        () -> mongo.findById(commandId, CommandRecord.class),
                        r -> r != null && r.status().isFinal());
    }

    CommandRecord succeeded(UUID commandId) {
        CommandRecord done = awaitFinal(commandId);
        assertThat(done.status()).as("%s: %s", done.type(), done.lastError()).isEqualTo(CommandStatus.SUCCEEDED);
        return done;
    }

    CommandRecord failed(UUID commandId) {
        CommandRecord done = awaitFinal(commandId);
        assertThat(done.status()).as("%s: %s", done.type(), done.result()).isEqualTo(CommandStatus.FAILED);
        return done;
    }

    /** The success event of a command, as api-service receives it. */
    MirrorChanged changeEvent(UUID commandId) {
        return await().atMost(WAIT)
                .until(
                        () -> EventLog.forCommand(commandId).stream()
                                .filter(MirrorChanged.class::isInstance)
                                .map(MirrorChanged.class::cast)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** The failure event of a command, as api-service receives it (the record is written before it is published). */
    CommandFailed failureEvent(UUID commandId) {
        return await().atMost(WAIT)
                .until(
                        () -> EventLog.forCommand(commandId).stream()
                                .filter(CommandFailed.class::isInstance)
                                .map(CommandFailed.class::cast)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    List<Event> events(UUID commandId) {
        return EventLog.forCommand(commandId);
    }

    // ---- GitLab's side

    /** Requests whose path after /api/v4 (still URL-encoded) matches the whole regex. */
    static List<RequestLogEntry> requests(SimulatedInstance gitlab, String method, String apiPathRegex) {
        Pattern path = Pattern.compile(apiPathRegex);
        return gitlab.requestLog().stream()
                .filter(e -> e.method().equals(method))
                .filter(e -> path.matcher(e.apiPath()).matches())
                .toList();
    }

    static RequestLogEntry single(SimulatedInstance gitlab, String method, String apiPathRegex) {
        List<RequestLogEntry> found = requests(gitlab, method, apiPathRegex);
        assertThat(found).as(method + " " + apiPathRegex).hasSize(1);
        return found.get(0);
    }

    /** A mirror URL with a token inside, as the worker (or someone by hand) would give GitLab. */
    static String credentialedUrl(SimulatedInstance gitlab, SimProject project, String token) {
        return "http://bot:" + token + "@127.0.0.1:" + gitlab.port() + "/" + project.pathWithNamespace() + ".git";
    }

    /** GitLab as an operator's script would change it behind our back, with the instance's admin token. */
    GitLabGateway gitlab(long instanceId) {
        return gateways.forInstance(mongo.findById(instanceId, InstanceRecord.class));
    }

    static String maskedUrl(SimulatedInstance gitlab, SimProject project) {
        return "http://*****:*****@127.0.0.1:" + gitlab.port() + "/" + project.pathWithNamespace() + ".git";
    }

    static String plainUrl(SimulatedInstance gitlab, SimProject project) {
        return gitlab.baseUrl() + "/" + project.pathWithNamespace() + ".git";
    }

    // ---- records

    private InstanceRecord instance(long id, SimulatedInstance gitlab, String adminToken) {
        Instant now = Instant.now();
        return new InstanceRecord(
                id,
                gitlab.name(),
                gitlab.baseUrl().toString(),
                null,
                cipher.encrypt(adminToken),
                gitlab.options().version(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                now,
                now);
    }

    private static PairRecord pair(long id, long source, long target, String direction) {
        Instant now = Instant.now();
        return new PairRecord(
                id, "pair-" + id, null, source, target, direction, false, false, false, false, null, null, now, now);
    }

    private GroupTokenRecord groupToken(long id, long instanceId, String groupPath, String name, String value) {
        Instant now = Instant.now();
        return new GroupTokenRecord(
                id,
                instanceId,
                groupPath,
                name,
                cipher.encrypt(value),
                List.of("read_repository", "write_repository"),
                TOKEN_EXPIRY,
                now,
                now,
                now);
    }

    private static synchronized KafkaProducer<String, Command> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            TestInfrastructure.endpoints().kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JsonSerde.CommandSerializer.class));
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close, "mirror-test-producer-stop"));
        }
        return producer;
    }
}
