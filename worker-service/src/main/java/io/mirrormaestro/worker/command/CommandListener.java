package io.mirrormaestro.worker.command;

import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.worker.WorkerSettings;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Runs the first attempt of each command as soon as it is consumed. Commands arrive in polled batches; those for
 * different subjects (mirrors, instances) run side by side on a shared pool, those for one subject one after another
 * in the order they were issued. The batch's offsets are committed only when every command in it has run and been
 * recorded, so a worker that stops mid-batch, or cannot reach MongoDB, leaves them to be delivered again (and the
 * command records' claims make a repeat harmless).
 */
@Component
class CommandListener {

    private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

    private final CommandExecutor executor;
    private final ExecutorService pool;

    CommandListener(CommandExecutor executor, WorkerSettings settings) {
        this.executor = executor;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread t = new Thread(r, "mm-command-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @KafkaListener(
            topics = Topics.COMMANDS,
            groupId = "${mm.worker.consumer-group}",
            batch = "true",
            properties = "max.poll.records=${mm.worker.poll-records}")
    void on(List<ConsumerRecord<String, Command>> records) throws InterruptedException {
        Map<String, List<Command>> bySubject = new LinkedHashMap<>();
        for (ConsumerRecord<String, Command> record : records) {
            if (record.value() == null) {
                log.warn(
                        "skipping unreadable command at {}-{}@{}", record.topic(), record.partition(), record.offset());
                continue;
            }
            bySubject.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
        }
        List<Future<?>> running = new ArrayList<>(bySubject.size());
        var configuration = PollCache.newPoll();
        for (List<Command> inOrder : bySubject.values()) {
            running.add(pool.submit(
                    () -> PollCache.within(configuration, () -> inOrder.forEach(executor::runFirstAttempt))));
        }
        Throwable unrecorded = null;
        boolean stopping = false;
        for (Future<?> done : running) {
            try {
                done.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CommandExecutor.ShuttingDownException) {
                    stopping = true;
                    continue;
                }
                // the executor records every outcome itself: this is a failure to even claim or record one
                log.error("a command could not be run", e.getCause());
                unrecorded = unrecorded == null ? e.getCause() : unrecorded;
            }
        }
        if (stopping) {
            // not committed: the commands this worker did not start are delivered to another one
            throw new CommandExecutor.ShuttingDownException("the rest of this poll");
        }
        if (unrecorded != null) {
            // not committed: the poll is delivered again, and the commands that did run are not claimable twice
            throw new IllegalStateException("commands of this poll could not be run or recorded", unrecorded);
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
