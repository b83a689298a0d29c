package io.mirrormaestro.gitlab.simulator.mirrors;

import io.mirrormaestro.gitlab.simulator.model.InstanceState;

/** The simulated network: which instance (if any) answers on a loopback port. */
@FunctionalInterface
public interface RemoteDirectory {
    /** Null when nothing listens there. */
    InstanceState byPort(int port);
}
