package io.mirrormaestro.worker.command;

import io.mirrormaestro.worker.WorkerSettings;
import java.time.Duration;
import org.jobrunr.server.BackgroundJobServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * What a worker does with its commands on SIGTERM, before anything else stops: it takes no new ones (its Kafka
 * consumers stop polling, its JobRunr server stops fetching jobs, and commands of the poll in hand that have not
 * started are left uncommitted for another worker), gives those running {@code MM_SHUTDOWN_TIMEOUT} to finish, and
 * hands back the rest (see {@link CommandExecutor#finishOrHandBack}) so that another worker takes them over at once
 * rather than when their lease ends.
 */
@Component
class ShutdownHandBack implements SmartLifecycle {

    /** How long commands cut off get to reach their next GitLab request (the one in flight is not interrupted). */
    static final Duration CUT_OFF_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ShutdownHandBack.class);

    private final CommandExecutor executor;
    private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;
    private final ObjectProvider<BackgroundJobServer> jobServer;
    private final Duration finish;
    private volatile boolean running;
    private volatile boolean stopped;

    ShutdownHandBack(
            CommandExecutor executor,
            ObjectProvider<KafkaListenerEndpointRegistry> listeners,
            ObjectProvider<BackgroundJobServer> jobServer,
            WorkerSettings settings) {
        this.executor = executor;
        this.listeners = listeners;
        this.jobServer = jobServer;
        this.finish = settings.shutdownTimeout();
    }

    /**
     * Also after a stop: a context can be stopped and started again without being closed (Spring's test context
     * cache pauses contexts it is not using); the Kafka containers start again as their own lifecycle, the JobRunr
     * server resumes here, and the executor takes commands again.
     */
    @Override
    public void start() {
        if (stopped) {
            executor.resume();
            jobServer.ifAvailable(server -> {
                try {
                    server.resumeProcessing(); // nothing to do when it is processing
                } catch (IllegalStateException notStarted) {
                    log.debug("JobRunr's server is not started: nothing to resume");
                }
            });
            stopped = false;
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopped = true;
        jobServer.ifAvailable(server -> {
            if (server.isRunning()) {
                server.pauseProcessing();
            }
        });
        listeners.ifAvailable(registry -> registry.getListenerContainers().forEach(c -> c.stop(() -> {})));
        try {
            executor.finishOrHandBack(finish, CUT_OFF_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while handing back commands; the rest are taken over when their leases end");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first: before the Kafka containers, the web server and JobRunr's server. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
