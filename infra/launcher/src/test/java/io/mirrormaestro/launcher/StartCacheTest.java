package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules that keep a half-made archive from ever being used, on archives the JVM writes (the whole cycle on the
 * packaged jar is in {@link OneCommandRunIT}): a JVM that maps a truncated archive crashes.
 */
class StartCacheTest {

    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void anArchiveIsKeptOnlyWhenItsRunEndedAsAskedAndAJvmStartsWithIt() throws Exception {
        assertThat(kept(143, false)).as("stopped by a plain kill").isTrue();
        assertThat(kept(130, false)).as("Ctrl-C").isTrue();
        assertThat(kept(137, false))
                .as("killed: whatever it wrote is not trusted")
                .isFalse();
        // as a run killed while writing it leaves it: a JVM that maps it crashes
        assertThat(kept(0, true)).as("truncated").isFalse();
    }

    /** Settles a run's archive, in a directory of its own: whether it became the one later runs use. */
    private boolean kept(int exitCode, boolean truncated) throws Exception {
        Path home = Files.createDirectories(dir.resolve("run-" + exitCode + "-" + truncated));
        Path jar = home.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("a.txt"));
            out.write('a');
        }
        Path pending = home.resolve("classes.jsa.1.tmp");
        // a dynamic archive as the JVM writes it at exit, here of a JVM that only prints its version
        assertThat(StartCache.printsVersion(
                        JAVA, jar, "-XX:ArchiveClassesAtExit=" + pending, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"))
                .isTrue();
        if (truncated) {
            byte[] whole = Files.readAllBytes(pending);
            Files.write(pending, Arrays.copyOf(whole, whole.length / 2));
        }

        new StartCache(JAVA, jar, List.of(), pending).settle(exitCode);

        try (Stream<Path> left = Files.list(home)) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            assertThat(names)
                    .as("the pending archive and the check's crash report are not left behind")
                    .isSubsetOf("app.jar", "classes.jsa");
            return names.contains("classes.jsa");
        }
    }

    @Test
    void theCacheSitsBesideTheJarAndLeftoversNameTheirProcess() {
        assertThat(StartCache.home(Path.of("/opt/mm/mirror-maestro.jar")))
                .isEqualTo(Path.of("/opt/mm/mirror-maestro.cache"));
        long self = ProcessHandle.current().pid();
        assertThat(StartCache.running("classes.jsa." + self + ".tmp")).isTrue();
        assertThat(StartCache.running("123-456." + self + ".tmp")).isTrue();
        assertThat(StartCache.running("classes.jsa.999999999.tmp")).isFalse();
        assertThat(StartCache.running("classes.jsa.x.tmp")).isFalse();
    }

    @Test
    void aBuildRunsAsItIsUntilExtractedThenWritesTheArchiveThenStartsWithIt() throws Exception {
        Path jar = Files.write(dir.resolve("mirror-maestro.jar"), new byte[] {1, 2, 3});

        StartCache first = StartCache.prepare(JAVA, jar);
        assertThat(first.jar()).isEqualTo(jar);
        assertThat(first.writesArchive()).isFalse();
        assertThat(first.options()).singleElement().asString().startsWith("-D" + StartCache.EXTRACT_INTO + "=");
        Path into =
                Path.of(first.options().get(0).substring(first.options().get(0).indexOf('=') + 1));
        assertThat(into.getParent()).isEqualTo(StartCache.home(jar));

        // what the system's JVM makes of it once up: here, with no Spring Boot jar to extract, nothing
        assertThatThrownBy(() -> StartCache.extractInto(into)).isInstanceOf(IOException.class);
        try (Stream<Path> left = Files.list(StartCache.home(jar))) {
            assertThat(left).as("no staging left behind").isEmpty();
        }

        Path extracted = Files.createDirectories(into.resolve("app")).resolve(jar.getFileName());
        Files.write(extracted, new byte[] {1});
        StartCache second = StartCache.prepare(JAVA, jar);
        assertThat(second.jar()).isEqualTo(extracted);
        assertThat(second.writesArchive()).isTrue();
        assertThat(second.options()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=" + into));

        Files.write(into.resolve("classes.jsa"), new byte[] {1});
        StartCache third = StartCache.prepare(JAVA, jar);
        assertThat(third.jar()).isEqualTo(extracted);
        assertThat(third.writesArchive()).isFalse();
        assertThat(third.options()).contains("-XX:SharedArchiveFile=" + into.resolve("classes.jsa"));
    }
}
