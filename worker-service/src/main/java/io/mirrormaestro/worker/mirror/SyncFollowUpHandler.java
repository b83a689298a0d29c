package io.mirrormaestro.worker.mirror;

import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

@Component
public class SyncFollowUpHandler implements JobRequestHandler<SyncFollowUp> {

    private final SyncFollowUps followUps;

    SyncFollowUpHandler(SyncFollowUps followUps) {
        this.followUps = followUps;
    }

    @Override
    public void run(SyncFollowUp request) {
        followUps.read(request);
    }
}
