package io.mirrormaestro.worker.mirror;

import org.jobrunr.jobs.lambdas.JobRequest;

/** The recurring job that enqueues the refreshes that are due; JobRunr runs one at a time across all workers. */
public record RefreshSweep() implements JobRequest {

    static final String RECURRING_ID = "mm-status-refresh";

    @Override
    public Class<RefreshSweepHandler> getJobRequestHandler() {
        return RefreshSweepHandler.class;
    }
}
