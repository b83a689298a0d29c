package io.mirrormaestro.worker.command;

import io.mirrormaestro.worker.WorkerSettings;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Extends, every third of the lease, what this worker holds while it is still at work: the leases of the commands
 * it runs and the mirror locks they hold. An action can outlast one lease (GitLab throttling alone may hold each call
 * back for up to the read timeout); without renewal another worker would take the command or the mirror over while
 * it still runs. A worker that dies stops renewing, and its leases run out as before.
 */
@Component
public class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Duration lease;
    private final Clock clock;
    private final List<Consumer<Instant>> renewals = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mm-lease-keeper");
        t.setDaemon(true);
        return t;
    });

    LeaseKeeper(WorkerSettings settings, Clock clock) {
        this.lease = settings.lease();
        this.clock = clock;
        long every = Math.max(1, lease.toMillis() / 3);
        scheduler.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** @param renewal extends what it holds to the given instant */
    public void register(Consumer<Instant> renewal) {
        renewals.add(renewal);
    }

    /** Renews everything held now (also done every third of the lease). */
    public void renewAll() {
        Instant until = clock.instant().plus(lease);
        for (Consumer<Instant> renewal : renewals) {
            try {
                renewal.accept(until);
            } catch (RuntimeException e) {
                log.warn("could not renew leases ({}); trying again in {}", e.toString(), lease.dividedBy(3));
            }
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
