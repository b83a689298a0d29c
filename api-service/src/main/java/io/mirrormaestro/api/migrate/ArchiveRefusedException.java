package io.mirrormaestro.api.migrate;

import io.mirrormaestro.api.problem.UnprocessableException;

/** The archive cannot be moved over as it is: answered as 422 problem+json naming the part that is wrong. */
class ArchiveRefusedException extends UnprocessableException {

    ArchiveRefusedException(String part, String reason) {
        super(part, reason);
    }
}
