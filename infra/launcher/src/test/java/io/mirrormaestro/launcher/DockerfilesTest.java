package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.testing.ServiceJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fault suite and the benchmarks run the services as the Dockerfiles do: the same JVM options. */
class DockerfilesTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void bothServicesRunWithTheOptionsTheSuitesAndBenchmarksUse() throws Exception {
        String expected = "ENV JAVA_TOOL_OPTIONS=\"" + String.join(" ", ServiceJvm.OPTIONS) + "\"";
        for (String service : new String[] {"api-service", "worker-service"}) {
            assertThat(Files.readAllLines(ROOT.resolve(service).resolve("Dockerfile")))
                    .as(service)
                    .contains(expected);
        }
    }
}
