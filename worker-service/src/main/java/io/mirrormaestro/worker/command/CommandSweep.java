package io.mirrormaestro.worker.command;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The recurring look for commands nobody will resume otherwise: running with a lease that ran out long ago (their
 * worker died running a retry, or gave an attempt up while MongoDB or Kafka was away, and no redelivery came), or
 * waiting for a retry whose time is long past (its job was lost). Each is handed to a {@link RetryCommand}, whose
 * conditional claim makes the hand-over harmless when someone else got there first.
 */
public record CommandSweep() implements JobRequest {

    static final String RECURRING_ID = "mm-command-sweep";

    @Override
    public Class<CommandSweepHandler> getJobRequestHandler() {
        return CommandSweepHandler.class;
    }
}
