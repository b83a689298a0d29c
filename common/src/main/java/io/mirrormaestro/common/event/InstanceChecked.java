package io.mirrormaestro.common.event;

import io.mirrormaestro.common.command.Subjects;
import java.time.Instant;
import java.util.UUID;

/**
 * A {@link io.mirrormaestro.common.command.CheckInstance} succeeded: GitLab answered {@code GET /version} and
 * {@code GET /user} with the instance's stored token. Published by worker-service's {@code CheckInstanceHandler}
 * after it wrote the same values (and the edition derived from the version) onto the instance's document;
 * api-service records it in the activity log, nothing more.
 *
 * @param eventId see {@link EventIds}
 * @param commandId the {@code CheckInstance} command
 * @param correlationId the command's correlation id
 * @param occurredAt when the instance was checked
 * @param instanceId the instance checked
 * @param version GitLab's version, e.g. {@code 17.8.2-ee}
 * @param revision GitLab's revision (a commit id)
 * @param username the user behind the stored token (a bot user for group and project tokens)
 * @param attempt the attempt that succeeded, from 1
 */
public record InstanceChecked(
        UUID eventId,
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        long instanceId,
        String version,
        String revision,
        String username,
        int attempt)
        implements Event {

    @Override
    public String subjectId() {
        return Subjects.instance(instanceId);
    }

    @Override
    public String commandType() {
        return "CheckInstance";
    }

    @Override
    public String summary() {
        return "GitLab " + version + " reachable as " + username;
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCEEDED;
    }
}
