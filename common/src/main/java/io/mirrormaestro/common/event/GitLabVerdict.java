package io.mirrormaestro.common.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What GitLab's report of a mirror amounts to, carried by {@link MirrorStatusRefreshed} and {@link MirrorSyncFinished}
 * so that api-service's notifications act on it without reading the detail's words. On the wire in lower case.
 */
public enum GitLabVerdict {
    /** GitLab's last update finished: up to date (a failing mirror recovered, when it failed before). */
    UP_TO_DATE,
    /** GitLab's last update failed. */
    FAILED,
    /** An update has been running for longer than a sync may take. */
    STUCK,
    /** Anything else: scheduled or started, drift of settings, a mirror GitLab no longer has. */
    OTHER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
