package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a newcomer types it, {@code java -jar mirror-maestro.jar} (no JVM flags), on the
 * packaged jar: the system runs in a second JVM with a bounded heap; {@code kill -9} of the command takes the whole
 * system down with it, so that the same command started again finds its ports and data free and comes up with the
 * stored estate; a plain {@code kill} stops both cleanly. Prints the resident memory of both JVMs.
 */
class OneCommandRunIT {

    private static final Path JAR = Path.of("target/mirror-maestro.jar");

    @TempDir
    Path data;

    @Test
    void theRunCommandBoundsItsMemoryAndAKillOfItTakesTheSystemDown() throws Exception {
        assertThat(JAR).as("packaged before the integration tests").isRegularFile();
        Map<String, String> env = Map.of(
                "MM_DATA_DIR", data.toString(),
                "MM_HTTP_PORT", Integer.toString(freePort()),
                "MM_EMBEDDED_KAFKA_PORT", Integer.toString(freePort()),
                "MM_EMBEDDED_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()),
                "MM_EMBEDDED_MONGODB_PORT", Integer.toString(freePort()),
                "MM_DEMO_GITLAB_PORT_A", Integer.toString(freePort()),
                "MM_DEMO_GITLAB_PORT_B", Integer.toString(freePort()));
        int port = Integer.parseInt(env.get("MM_HTTP_PORT"));

        Process outer = start(env, data.resolve("first.log"));
        ProcessHandle inner = awaitInner(outer);
        List<String> innerArgs = List.of(inner.info().arguments().orElse(new String[0]));
        assertThat(innerArgs).contains("-Xmx448m", "-XX:+UseSerialGC", "-jar");
        ApiClient api = new ApiClient(port);
        awaitUp(api, outer, data.resolve("first.log"));
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .until(() ->
                        api.get("/api/mirrors?page_size=1").body().path("total").asInt() > 0);
        int mirrors = api.get("/api/mirrors?page_size=1").body().path("total").asInt();
        System.out.printf(
                "one-command run, demo estate seeded (%d mirrors): resident memory of the launching JVM %d MB,"
                        + " of the system's JVM %d MB%n",
                mirrors, residentMb(outer.pid()), residentMb(inner.pid()));

        // kill -9 of the command: the system goes with it
        outer.destroyForcibly();
        assertThat(outer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(inner.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();

        // the same command again: ports and data free, the stored estate back
        Process again = start(env, data.resolve("second.log"));
        ProcessHandle innerAgain = awaitInner(again);
        awaitUp(api, again, data.resolve("second.log"));
        assertThat(api.get("/api/mirrors?page_size=1").body().path("total").asInt())
                .as("mirrors stored before the kill")
                .isGreaterThanOrEqualTo(mirrors);

        // a plain kill: both stop cleanly
        again.destroy();
        assertThat(again.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(innerAgain.isAlive()).isFalse();
        assertThat(Files.readString(data.resolve("second.log"))).contains("Mirror Maestro is up");
    }

    @Test
    void aPortAlreadyTakenEndsTheRunSayingWhyInsteadOfHanging() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Map.of(
                    "MM_DATA_DIR", data.toString(),
                    "MM_HTTP_PORT", Integer.toString(freePort()),
                    "MM_EMBEDDED_KAFKA_PORT", Integer.toString(freePort()),
                    "MM_EMBEDDED_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()),
                    "MM_EMBEDDED_MONGODB_PORT", Integer.toString(taken.getLocalPort()),
                    "MM_DEMO_GITLAB_PORT_A", Integer.toString(freePort()),
                    "MM_DEMO_GITLAB_PORT_B", Integer.toString(freePort()));
            Path log = data.resolve("taken.log");

            Process run = start(env, log);

            assertThat(run.waitFor(2, TimeUnit.MINUTES))
                    .as("the command ends, see %s", log)
                    .isTrue();
            assertThat(run.exitValue()).isEqualTo(1);
            assertThat(Files.readString(log)).contains("start-up failed").contains("a port is taken");
        }
    }

    private static Process start(Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static ProcessHandle awaitInner(Process outer) {
        List<ProcessHandle> found = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Optional<ProcessHandle> child = outer.children().findFirst();
            child.ifPresent(found::add);
            return child.isPresent();
        });
        return found.get(0);
    }

    private static void awaitUp(ApiClient api, Process outer, Path log) {
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .failFast("the run command exited, see " + log, () -> !outer.isAlive())
                .ignoreExceptions()
                .until(() -> api.get("/api/instances").status() == 200);
    }

    /** VmRSS from /proc, in MB. */
    private static long residentMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
