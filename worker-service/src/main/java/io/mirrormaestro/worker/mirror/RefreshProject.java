package io.mirrormaestro.worker.mirror;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * One refresh of one GitLab project that holds mirrors: its push mirrors ({@code push}, the source project) or its
 * pull mirror (the target project). One GitLab request covers every mirror there.
 *
 * @param slot the sweep's time slot that found it due: the job id derives from it, so a slot enqueues a project once
 */
public record RefreshProject(long instanceId, long projectId, boolean push, long slot) implements JobRequest {

    @Override
    public Class<RefreshProjectHandler> getJobRequestHandler() {
        return RefreshProjectHandler.class;
    }

    RefreshHome home() {
        return new RefreshHome(instanceId, projectId, push);
    }

    UUID jobId() {
        String name = "refresh/" + instanceId + "/" + projectId + "/" + push + "/" + slot;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
