package io.mirrormaestro.worker.gitlab;

/** Outcome of deleting a push mirror: deleting one that no longer exists is not an error. */
public enum MirrorDeletion {
    DELETED,
    ALREADY_GONE
}
