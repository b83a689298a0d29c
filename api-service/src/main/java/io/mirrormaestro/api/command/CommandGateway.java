package io.mirrormaestro.api.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.kafka.Json;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.common.store.BulkInserts;
import io.mirrormaestro.common.store.CommandRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The only way a command leaves api-service. It is first written to MongoDB (the outbox), then sent to Kafka and
 * marked published. If the send fails or the process dies in between, {@link OutboxRelay} sends it later; the
 * worker's claim on the record makes a second delivery harmless.
 */
@Component
public class CommandGateway {

    private static final Logger log = LoggerFactory.getLogger(CommandGateway.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, Command> kafka;
    private final ActivityLog activity;
    private final ApiSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    CommandGateway(
            MongoTemplate mongo,
            KafkaTemplate<String, Command> kafka,
            ActivityLog activity,
            ApiSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.meters = meters;
        this.mongo = mongo;
        this.kafka = kafka;
        this.activity = activity;
        this.settings = settings;
        this.clock = clock;
    }

    public CommandRecord accept(Command command) {
        String payload = Json.mapper().writeValueAsString(command);
        CommandRecord record = CommandRecord.accepted(
                command.commandId(), command.typeName(), command.subjectId(), payload, clock.instant());
        mongo.insert(record);
        counted(command.typeName(), 1);
        activity.accepted(command);
        publish(command, settings.publishTimeout().toMillis());
        return record;
    }

    /**
     * Accepts many commands at once (a batch's lines): one outbox write, every send in flight together, one update
     * marking what Kafka took. Commands already in the outbox (the same ids, issued again after a crash) are sent
     * again, never stored twice. No per-command activity entry: the batch reports each line's outcome.
     */
    public void acceptAll(List<? extends Command> commands) {
        if (commands.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<CommandRecord> records = commands.stream()
                .map(c -> CommandRecord.accepted(
                        c.commandId(),
                        c.typeName(),
                        c.subjectId(),
                        Json.mapper().writeValueAsString(c),
                        now))
                .toList();
        BulkInserts.insertNew(mongo, records, CommandRecord.class);
        commands.stream()
                .collect(Collectors.groupingBy(Command::typeName, Collectors.counting()))
                .forEach(this::counted);
        long deadline = System.nanoTime() + settings.publishTimeout().toNanos();
        // send itself can block (up to max.block.ms, the publish timeout) while Kafka is away: past the deadline,
        // the rest are left to the relay rather than each waiting once more
        List<CompletableFuture<?>> sends = new ArrayList<>(commands.size());
        for (Command c : commands) {
            sends.add(
                    deadline - System.nanoTime() > 0
                            ? send(c)
                            : CompletableFuture.failedFuture(new TimeoutException("publish timeout passed")));
        }
        List<UUID> published = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.add(commands.get(i).commandId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                log.warn(
                        "command {} not yet on Kafka ({}); the outbox relay will send it",
                        commands.get(i).commandId(),
                        e.toString());
            }
        }
        if (!published.isEmpty()) {
            mongo.updateMulti(
                    Query.query(Criteria.where("_id").in(published)),
                    Update.update("published", true),
                    CommandRecord.class);
        }
    }

    private void counted(String type, long n) {
        Counter.builder("mm.commands.accepted")
                .description("Commands api-service accepted (written to the outbox), by type")
                .tag("type", type)
                .register(meters)
                .increment(n);
    }

    /** A send that failed at once (no metadata within max.block.ms, a closed producer) is a failed future too. */
    private CompletableFuture<?> send(Command command) {
        try {
            return kafka.send(Topics.COMMANDS, command.partitionKey(), command);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends and marks published; on failure leaves the record for the relay. */
    boolean publish(Command command, long timeoutMillis) {
        try {
            send(command).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "command {} not yet on Kafka ({}); the outbox relay will send it",
                    command.commandId(),
                    e.toString());
            return false;
        }
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(command.commandId())),
                Update.update("published", true),
                CommandRecord.class);
        return true;
    }
}
