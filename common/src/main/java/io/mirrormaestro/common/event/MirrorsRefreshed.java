package io.mirrormaestro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A "refresh now" ran: {@code projects} GitLab requests covered {@code mirrors} mirrors, {@code changed} of which
 * GitLab reported differently from our record (each also published as a {@code status_refreshed}
 * {@link MirrorChanged}); {@code unreadable} projects could not be read, {@code error} says why for the first.
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
