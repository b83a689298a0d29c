package io.mirrormaestro.worker.mirror;

import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

@Component
public class RefreshProjectHandler implements JobRequestHandler<RefreshProject> {

    private final StatusRefresh refresh;

    RefreshProjectHandler(StatusRefresh refresh) {
        this.refresh = refresh;
    }

    @Override
    public void run(RefreshProject request) {
        refresh.refresh(request.home());
    }
}
