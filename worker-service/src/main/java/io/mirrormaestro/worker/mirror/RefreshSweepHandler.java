package io.mirrormaestro.worker.mirror;

import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

@Component
public class RefreshSweepHandler implements JobRequestHandler<RefreshSweep> {

    private final RefreshPlanner planner;

    RefreshSweepHandler(RefreshPlanner planner) {
        this.planner = planner;
    }

    @Override
    public void run(RefreshSweep request) {
        planner.sweep();
    }
}
