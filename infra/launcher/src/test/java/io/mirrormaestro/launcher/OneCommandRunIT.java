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
 * stored estate; a plain {@code kill} stops both cleanly. The first run extracts the jar beside it, and the next,
 * stopped by a plain kill, leaves the class-data archive the run after it starts with ({@link StartCache}). Prints the
 * resident memory of both JVMs and how long each run took to answer.
 */
class OneCommandRunIT {

    private static final Path JAR = Path.of("target/mirror-maestro.jar");

    @TempDir
    Path data;

    @Test
    void theRunCommandBoundsItsMemoryAndAKillOfItTakesTheSystemDown() throws Exception {
        assertThat(JAR).as("packaged before the integration tests").isRegularFile();
        // a copy of its own, so that its start cache begins empty whatever ran before
        Path jar = Files.createDirectories(data.resolve("bin")).resolve(JAR.getFileName());
        Files.copy(JAR, jar);
        Map<String, String> env = Map.of(
                "MM_DATA_DIR", data.toString(),
                "MM_HTTP_PORT", Integer.toString(freePort()),
                "MM_EMBEDDED_KAFKA_PORT", Integer.toString(freePort()),
                "MM_EMBEDDED_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()),
                "MM_EMBEDDED_MONGODB_PORT", Integer.toString(freePort()),
                "MM_DEMO_GITLAB_PORT_A", Integer.toString(freePort()),
                "MM_DEMO_GITLAB_PORT_B", Integer.toString(freePort()));
        int port = Integer.parseInt(env.get("MM_HTTP_PORT"));

        long started = System.nanoTime();
        Process outer = start(jar, env, data.resolve("first.log"));
        ProcessHandle inner = awaitInner(outer);
        List<String> innerArgs = List.of(inner.info().arguments().orElse(new String[0]));
        assertThat(innerArgs).contains("-Xmx448m", "-XX:+UseSerialGC", "-jar");
        assertThat(innerArgs)
                .as("the jar as it is, told where to extract it")
                .contains(jar.toString())
                .anyMatch(a -> a.startsWith("-D" + StartCache.EXTRACT_INTO + "="));
        ApiClient api = new ApiClient(port);
        awaitUp(api, outer, data.resolve("first.log"));
        long firstStart = millisSince(started);
        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .ignoreExceptions()
                .until(() -> Files.isRegularFile(extractedJar(jar)));
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
        Process again = start(jar, env, data.resolve("second.log"));
        ProcessHandle innerAgain = awaitInner(again);
        assertThat(List.of(innerAgain.info().arguments().orElse(new String[0])))
                .as("the jar extracted beside it, the archive written as the run ends")
                .contains(extractedJar(jar).toString())
                .anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        awaitUp(api, again, data.resolve("second.log"));
        assertThat(api.get("/api/mirrors?page_size=1").body().path("total").asInt())
                .as("mirrors stored before the kill")
                .isGreaterThanOrEqualTo(mirrors);

        assertThat(archive(jar))
                .as("none yet: the first run writes none, the second writes it as it ends")
                .doesNotExist();

        // a plain kill: both stop cleanly, and the archive is kept
        again.destroy();
        assertThat(again.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(innerAgain.isAlive()).isFalse();
        assertThat(Files.readString(data.resolve("second.log"))).contains("Mirror Maestro is up");
        assertThat(again.exitValue()).isEqualTo(143);
        assertThat(archive(jar)).isRegularFile();

        // the next run starts with it
        started = System.nanoTime();
        Process third = start(jar, env, data.resolve("third.log"));
        ProcessHandle innerThird = awaitInner(third);
        assertThat(List.of(innerThird.info().arguments().orElse(new String[0])))
                .contains("-XX:SharedArchiveFile=" + archive(jar));
        awaitUp(api, third, data.resolve("third.log"));
        long thirdStart = millisSince(started);
        assertThat(api.get("/api/mirrors?page_size=1").body().path("total").asInt())
                .isGreaterThanOrEqualTo(mirrors);
        System.out.printf(
                "one-command run, java -jar to an answering API: %d ms the first time, %d ms from the extracted jar"
                        + " with the class-data archive%n",
                firstStart, thirdStart);
        third.destroy();
        assertThat(third.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(data.resolve("third.log")))
                .as("a stale or absent archive is not reported to the user")
                .doesNotContain("[cds]");
    }

    private static Path extractedJar(Path jar) throws IOException {
        try (var builds = Files.list(StartCache.home(jar))) {
            Path build = builds.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().endsWith(".tmp"))
                    .findFirst()
                    .orElseThrow();
            return build.resolve("app").resolve(jar.getFileName());
        }
    }

    private static Path archive(Path jar) throws IOException {
        return extractedJar(jar).getParent().resolveSibling("classes.jsa");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
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

            Process run = start(JAR, env, log);

            assertThat(run.waitFor(2, TimeUnit.MINUTES))
                    .as("the command ends, see %s", log)
                    .isTrue();
            assertThat(run.exitValue()).isEqualTo(1);
            assertThat(Files.readString(log)).contains("start-up failed").contains("a port is taken");
        }
    }

    private static Process start(Path jar, Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * The system's JVM once it runs: a child is first the JDK's {@code jspawnhelper} (arguments: its version and file
     * descriptors) until that executes {@code java}, so wait for the child's arguments to be the JVM's.
     */
    private static ProcessHandle awaitInner(Process outer) {
        List<ProcessHandle> found = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Optional<ProcessHandle> child = outer.children()
                    .filter(c ->
                            List.of(c.info().arguments().orElse(new String[0])).contains("-jar"))
                    .findFirst();
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
