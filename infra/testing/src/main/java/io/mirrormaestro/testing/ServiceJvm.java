package io.mirrormaestro.testing;

import java.util.List;

/** How the Dockerfiles run api-service and worker-service, for the suites and benchmarks that run them so. */
public final class ServiceJvm {

    private ServiceJvm() {}

    /**
     * The Dockerfiles' {@code JAVA_TOOL_OPTIONS}: C1 only and the serial collector, a heap of at most 384 MB grown
     * from 64 MB only as needed, with a small young generation (bench/README.md, fifth round). The launcher's
     * {@code DockerfilesTest} checks that both Dockerfiles still say so.
     */
    public static final List<String> OPTIONS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx384m",
            "-Xms64m",
            "-Xmn48m",
            "-XX:MinHeapFreeRatio=20",
            "-XX:MaxHeapFreeRatio=40");
}
