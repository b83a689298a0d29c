package io.mirrormaestro.worker.command;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * A later attempt of a command, kept by JobRunr in MongoDB so it survives worker restarts. The job id is derived
 * from the command and attempt, so scheduling the same attempt twice yields one job.
 */
public record RetryCommand(UUID commandId, int attempt) implements JobRequest {

    @Override
    public Class<RetryCommandHandler> getJobRequestHandler() {
        return RetryCommandHandler.class;
    }

    UUID jobId() {
        return UUID.nameUUIDFromBytes(("retry/" + commandId + "/" + attempt).getBytes(StandardCharsets.UTF_8));
    }

    /** The job by which a worker shutting down hands this attempt to another worker. */
    UUID handBackJobId() {
        return UUID.nameUUIDFromBytes(("handback/" + commandId + "/" + attempt).getBytes(StandardCharsets.UTF_8));
    }

    /** The job that takes over a command whose owner stopped before finishing, once its lease ends. */
    UUID resumeJobId(Instant leaseUntil) {
        String name = "resume/" + commandId + "/" + attempt + "/" + leaseUntil.toEpochMilli();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
