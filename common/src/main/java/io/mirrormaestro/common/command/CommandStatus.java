package io.mirrormaestro.common.command;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum CommandStatus {
    ACCEPTED,
    RUNNING,
    RETRY_SCHEDULED,
    SUCCEEDED,
    FAILED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
