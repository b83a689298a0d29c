package io.mirrormaestro.common.gitlab;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a push mirror authenticates to its target ({@code auth_method}, GitLab 16.10+). */
public enum PushAuthMethod {
    PASSWORD("password"),
    SSH_PUBLIC_KEY("ssh_public_key");

    private final String value;

    PushAuthMethod(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** Null for values this version of Mirror Maestro does not know. */
    @JsonCreator
    static PushAuthMethod of(String value) {
        for (PushAuthMethod method : values()) {
            if (method.value.equals(value)) {
                return method;
            }
        }
        return null;
    }
}
