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
 * @param localRequestsAllowed the admin setting "Allow requests to the local network from webhooks and integrations"
 *     (allow_local_requests_from_web_hooks_and_services). Off by default as in GitLab: mirror and import URLs on
 *     loopback or private networks, which is where the other simulated instances live, are then refused. Mirrors
 *     between simulated instances need it on (or the target in {@link SimulatedInstance#setLocalRequestsAllowlist}).
 */
public record InstanceOptions(String name, int port, String version, boolean premium, boolean localRequestsAllowed) {
    public static final String DEFAULT_VERSION = "17.8.2-ee";

    public InstanceOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Local requests blocked, as a fresh GitLab has them. */
    public InstanceOptions(String name, int port, String version, boolean premium) {
        this(name, port, version, premium, false);
    }

    public static InstanceOptions of(String name) {
        return new InstanceOptions(name, 0, DEFAULT_VERSION, true, false);
    }

    public InstanceOptions withVersion(String newVersion) {
        return new InstanceOptions(name, port, newVersion, premium, localRequestsAllowed);
    }

    public InstanceOptions withPremium(boolean newPremium) {
        return new InstanceOptions(name, port, version, newPremium, localRequestsAllowed);
    }

    public InstanceOptions withPort(int newPort) {
        return new InstanceOptions(name, newPort, version, premium, localRequestsAllowed);
    }

    /** Turns "Allow requests to the local network from webhooks and integrations" on or off. */
    public InstanceOptions withLocalRequestsAllowed(boolean allowed) {
        return new InstanceOptions(name, port, version, premium, allowed);
    }
}
