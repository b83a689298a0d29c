package io.mirrormaestro.worker.command;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.worker.WorkerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Runs {@link CommandSweep} every {@code mm.worker.sweep-every} (a minute): commands whose lease or retry time passed
 * more than {@link #GRACE} ago are given a retry job now. Every worker registers the recurring job; JobRunr keeps one.
 */
@Component
public class CommandSweepHandler implements JobRequestHandler<CommandSweep> {

    /** How long after a lease or a retry's time a command is left to the usual ways back. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private static final int MOST = 500;
    private static final Logger log = LoggerFactory.getLogger(CommandSweepHandler.class);

    private final MongoTemplate mongo;
    private final JobRequestScheduler jobs;
    private final Clock clock;
    private final Duration every;

    CommandSweepHandler(MongoTemplate mongo, JobRequestScheduler jobs, Clock clock, WorkerSettings settings) {
        this.mongo = mongo;
        this.jobs = jobs;
        this.clock = clock;
        this.every = settings.sweepEvery();
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        jobs.scheduleRecurrently(CommandSweep.RECURRING_ID, every, new CommandSweep());
    }

    @Override
    public void run(CommandSweep sweep) {
        Instant before = clock.instant().minus(GRACE);
        int resumed = 0;
        Query abandoned = Query.query(where("status")
                        .is(CommandStatus.RUNNING)
                        .and("lease_until")
                        .lt(before))
                .limit(MOST);
        abandoned.fields().include("_id").include("attempts").include("lease_until");
        for (Document command : mongo.find(abandoned, Document.class, CommandRecord.COLLECTION)) {
            int attempts = command.getInteger("attempts", 0);
            // the claim takes a running command over once its lease has ended, whatever attempt it names
            resumed += hand(
                    command, attempts, "lease " + command.getDate("lease_until").getTime());
        }
        Query overdue = Query.query(where("status")
                        .is(CommandStatus.RETRY_SCHEDULED)
                        .and("next_attempt_at")
                        .lt(before))
                .limit(MOST);
        overdue.fields().include("_id").include("attempts").include("next_attempt_at");
        for (Document command : mongo.find(overdue, Document.class, CommandRecord.COLLECTION)) {
            int attempts = command.getInteger("attempts", 0);
            resumed += hand(
                    command,
                    attempts + 1,
                    "retry " + command.getDate("next_attempt_at").getTime());
        }
        if (resumed > 0) {
            log.warn("{} commands left behind (lease or retry time long past) were handed to retry jobs", resumed);
        }
    }

    private int hand(Document command, int attempt, String why) {
        UUID id = command.get("_id", UUID.class);
        UUID jobId =
                UUID.nameUUIDFromBytes(("sweep/" + id + "/" + attempt + "/" + why).getBytes(StandardCharsets.UTF_8));
        try {
            jobs.enqueue(jobId, new RetryCommand(id, attempt));
            return 1;
        } catch (RuntimeException alreadyHanded) {
            log.debug("command {} already handed over ({})", id, alreadyHanded.toString());
            return 0;
        }
    }
}
