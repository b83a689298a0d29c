package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.CreateMirror;
import io.mirrormaestro.common.command.DeleteMirror;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.command.ResumeMirror;
import io.mirrormaestro.common.command.RotateMirrorCredentials;
import io.mirrormaestro.common.command.SyncMirror;
import io.mirrormaestro.common.command.UpdateMirror;
import io.mirrormaestro.common.command.VerifyMirror;

/** Shorthand for the tests: the plain form of each mirror command, outside batches, as the REST API issues it. */
enum Orders {
    CREATE,
    UPDATE,
    SYNC,
    DELETE,
    VERIFY,
    ROTATE_CREDENTIALS,
    RESUME;

    MirrorCommand of(long mirrorId) {
        return switch (this) {
            case CREATE -> CreateMirror.of(mirrorId, false);
            case UPDATE -> UpdateMirror.of(mirrorId);
            case SYNC -> SyncMirror.of(mirrorId);
            case DELETE -> DeleteMirror.of(mirrorId);
            case VERIFY -> VerifyMirror.of(mirrorId, false);
            case ROTATE_CREDENTIALS -> RotateMirrorCredentials.of(mirrorId, null);
            case RESUME -> ResumeMirror.of(mirrorId);
        };
    }
}
