package io.mirrormaestro.gitlab.simulator;

import java.util.Objects;

/**
 * How to start one simulated GitLab.
 *
 * @param name label used in logs, the state dump and the CLI output
 * @param port 0 picks a free ephemeral port
 * @param version what /version reports; also decides which routes exist (e.g. PUT
 *     /projects/:id/mirror/pull needs 17.6, a version without "-ee" has no pull mirroring)
 * @param premium licensed tier: pull mirroring and mirror_branch_regex need it
 */
public record InstanceOptions(String name, int port, String version, boolean premium) {
    public static final String DEFAULT_VERSION = "17.8.2-ee";

    public InstanceOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static InstanceOptions of(String name) {
        return new InstanceOptions(name, 0, DEFAULT_VERSION, true);
    }

    public InstanceOptions withVersion(String newVersion) {
        return new InstanceOptions(name, port, newVersion, premium);
    }

    public InstanceOptions withPremium(boolean newPremium) {
        return new InstanceOptions(name, port, version, newPremium);
    }

    public InstanceOptions withPort(int newPort) {
        return new InstanceOptions(name, newPort, version, premium);
    }
}
