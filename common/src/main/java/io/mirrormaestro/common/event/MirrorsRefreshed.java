package io.mirrormaestro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A "refresh now" ran: {@code projects} GitLab requests covered {@code mirrors} mirrors, {@code changed} of which
 * GitLab reported differently from our record (each also published as a {@code status_refreshed}
 * {@link MirrorChanged}); {@code unreadable} projects could not be read, {@code error} says why for the first.
 *
 * <p>Published by worker-service's {@code RefreshMirrorsHandler} as the outcome of a
 * {@link io.mirrormaestro.common.command.RefreshMirrors}; its summary is the command's {@code result}, and
 * api-service records it in the activity log.
 *
 * @param eventId see {@link EventIds}
 * @param commandId the {@code RefreshMirrors} command
 * @param correlationId the command's correlation id
 * @param occurredAt when the refresh ended
 * @param subjectId the command's subject: {@code mirror:<id>} for one mirror, {@code pair:<id>}, or
 *     {@code mirrors:refresh}
 * @param mirrors active mirrors the selection held
 * @param projects GitLab projects read (one request each)
 * @param changed mirrors GitLab reported differently from our record
 * @param unreadable projects GitLab could not be read for
 * @param error why the first unreadable project could not be read; null when all were read
 * @param attempt the attempt that succeeded, from 1
 */
public record MirrorsRefreshed(
        UUID eventId,
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        String subjectId,
        int mirrors,
        int projects,
        int changed,
        int unreadable,
        String error,
        int attempt)
        implements Event {

    @Override
    public String commandType() {
        return "RefreshMirrors";
    }

    @Override
    public String summary() {
        String read = "Refreshed " + mirrors + (mirrors == 1 ? " mirror" : " mirrors") + " from " + projects
                + (projects == 1 ? " GitLab project" : " GitLab projects") + ": " + changed + " changed";
        return unreadable == 0 ? read : read + "; " + unreadable + " could not be read (" + error + ")";
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCEEDED;
    }
}
