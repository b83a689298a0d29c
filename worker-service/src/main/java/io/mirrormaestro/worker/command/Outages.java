package io.mirrormaestro.worker.command;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Failures of the worker's own infrastructure (MongoDB or Kafka away), as opposed to outcomes of a command. An attempt
 * that meets one is abandoned, not recorded: no {@code CommandFailed} is published and the command stays running
 * until its lease ends, when it is taken over (by a redelivery, a resume job or {@link CommandSweep}) and its
 * idempotent handler runs again. Recording it as failed would be wrong: GitLab may have done the work already, and
 * the batch line would say failed while a later attempt succeeds (found by the fault suite with Kafka and MongoDB
 * stopped mid-import).
 */
public final class Outages {

    private Outages() {}

    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EventNotPublishedException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException
                    || t instanceof MongoSocketException
                    || t instanceof MongoTimeoutException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** An attempt given up because the worker's infrastructure failed under it; the command is left to its lease. */
    public static final class AttemptAbandonedException extends RuntimeException {

        AttemptAbandonedException(Object commandId, Throwable cause) {
            super(
                    "attempt of command " + commandId + " abandoned (" + cause + "); taken over when its lease ends",
                    cause);
        }
    }
}
