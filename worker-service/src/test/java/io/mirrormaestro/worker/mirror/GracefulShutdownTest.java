package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.CREATE;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.testing.TestInfrastructure;
import io.mirrormaestro.worker.WorkerApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A worker told to stop (SIGTERM closes its context, as here) while a command runs: it takes nothing new, gives the
 * command {@code MM_SHUTDOWN_TIMEOUT} to finish, then cuts it off before its next GitLab request and hands it back,
 * and another worker takes it over at once, not when the lease ends. The test's shared worker plays the other one;
 * its Kafka consumers are paused, so the command's first delivery reaches only the worker that is stopped.
 */
class GracefulShutdownTest extends MirrorIntegrationTest {

    private static final Duration LATENCY = Duration.ofSeconds(2);

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    Environment env;

    @Test
    void aCommandRunningAtShutdownIsHandedBackAndEndsOnceOnAnotherWorker() throws Exception {
        SimProject source = project(A, "upstream", "handed-back");
        SimProject target = project(B, "mirror", "handed-back");
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);
        String group = "shutdown-" + UUID.randomUUID();
        startAtTheEnd(group);
        listeners.getListenerContainers().forEach(MessageListenerContainer::pause);
        ConfigurableApplicationContext stopping = null;
        try {
            await().atMost(WAIT).until(() -> listeners.getListenerContainers().stream()
                    .allMatch(MessageListenerContainer::isContainerPaused));
            stopping = secondWorker(group);
            A.faults().setLatency(LATENCY, Duration.ZERO);

            int before = A.requestLog().size();
            UUID create = send(mirror.id(), CREATE);
            await().atMost(WAIT)
                    .until(
                            () -> mongo.findById(create, CommandRecord.class),
                            r -> r.status() == CommandStatus.RUNNING && r.attempts() == 1);
            await().atMost(WAIT).until(() -> A.requestLog().size() > before); // inside its first GitLab request

            Instant sigterm = Instant.now();
            stopping.close();
            stopping = null;
            Duration shutdown = Duration.between(sigterm, Instant.now());
            A.faults().reset();

            CommandRecord handedBack = mongo.findById(create, CommandRecord.class);
            assertThat(handedBack.attempts() > 1
                            || (handedBack.status() == CommandStatus.RUNNING
                                    && !handedBack.leaseUntil().isAfter(Instant.now())))
                    .as("handed back (lease ended) or already taken over: %s", handedBack)
                    .isTrue();
            assertThat(shutdown)
                    .as("timeout, then the request in flight, then out")
                    .isLessThan(Duration.ofSeconds(15));

            CommandRecord done = succeeded(create);
            assertThat(Duration.between(sigterm, Instant.now()))
                    .as("taken over at once, not after the two-minute lease")
                    .isLessThan(Duration.ofSeconds(45));
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(A.pushMirrors(source.pathWithNamespace())).hasSize(1);
            assertThat(requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors"))
                    .hasSize(1);
            changeEvent(create);
            // the first attempt's POST may have reached GitLab before the cut-off: then the second adopts it
            assertThat(events(create))
                    .extracting(Event::typeName)
                    .singleElement()
                    .isIn("MirrorCreated", "MirrorAdopted");
        } finally {
            A.faults().reset();
            if (stopping != null) {
                stopping.close();
            }
            listeners.getListenerContainers().forEach(MessageListenerContainer::resume);
        }
    }

    /** A second worker on the same MongoDB and JobRunr storage, consuming commands in a group of its own. */
    private ConfigurableApplicationContext secondWorker(String group) {
        // arguments, not default properties: worker-service.yml's own values would win over those
        ConfigurableApplicationContext worker = WorkerApplication.builder()
                .run(
                        "--spring.kafka.bootstrap-servers=" + env.getProperty("spring.kafka.bootstrap-servers"),
                        "--spring.mongodb.uri=" + env.getProperty("spring.mongodb.uri"),
                        "--spring.mongodb.database=" + env.getProperty("spring.mongodb.database"),
                        "--jobrunr.database.database-name=" + env.getProperty("jobrunr.database.database-name"),
                        "--mm.worker.data-dir=" + env.getProperty("mm.worker.data-dir"),
                        "--mm.worker.encryption-key=" + env.getProperty("mm.worker.encryption-key"),
                        "--mm.worker.gitlab.allow-private-addresses=true",
                        "--mm.worker.consumer-group=" + group,
                        "--mm.worker.refresh.enabled=false",
                        "--spring.lifecycle.timeout-per-shutdown-phase=PT1S",
                        "--server.port=0");
        KafkaListenerEndpointRegistry its = worker.getBean(KafkaListenerEndpointRegistry.class);
        await().atMost(WAIT).until(() -> its.getListenerContainers().stream()
                .allMatch(c -> c.getAssignedPartitions() != null
                        && !c.getAssignedPartitions().isEmpty()));
        return worker;
    }

    /** The new group reads only what is sent from now on, not the commands of earlier tests. */
    private static void startAtTheEnd(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.endpoints().kafkaBootstrapServers()))) {
            int partitions = admin.describeTopics(java.util.List.of(Topics.COMMANDS))
                    .allTopicNames()
                    .get()
                    .get(Topics.COMMANDS)
                    .partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(Topics.COMMANDS, p))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((p, o) -> ends.put(p, new OffsetAndMetadata(o.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        }
    }
}
