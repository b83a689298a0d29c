package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    void anArchiveAJvmStartsWithIsKept() throws Exception {
        Path jar = jar();
        Path pending = archive(jar, dir.resolve("classes.jsa.1.tmp"));
        StartCache start = new StartCache(JAVA, jar, List.of(), pending);

        start.settle(143); // stopped by a plain kill

        assertThat(dir.resolve("classes.jsa")).isRegularFile();
        assertThat(pending).doesNotExist();
    }

    @Test
    void aTruncatedArchiveIsDroppedNotKept() throws Exception {
        Path jar = jar();
        Path whole = archive(jar, dir.resolve("whole.jsa"));
        byte[] bytes = Files.readAllBytes(whole);
        // as a run killed while writing it leaves it: a JVM that maps it crashes
        Path pending = Files.write(dir.resolve("classes.jsa.1.tmp"), Arrays.copyOf(bytes, bytes.length / 2));
        StartCache start = new StartCache(JAVA, jar, List.of(), pending);

        start.settle(0);

        assertThat(dir.resolve("classes.jsa")).doesNotExist();
        assertThat(pending).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("the crash report of the check is not left behind")
                    .containsExactlyInAnyOrder("app.jar", "whole.jsa");
        }
    }

    /** A jar for a class path: the archive records the class path it was written with. */
    private Path jar() throws Exception {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("a.txt"));
            out.write('a');
        }
        return jar;
    }

    /** A dynamic archive as the JVM writes it at exit, here of a JVM that only prints its version. */
    private static Path archive(Path jar, Path archive) throws Exception {
        Process dump = new ProcessBuilder(
                        JAVA,
                        "-XX:ArchiveClassesAtExit=" + archive,
                        "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off",
                        "-cp",
                        jar.toString(),
                        "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(dump.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(archive).isRegularFile();
        return archive;
    }

    @Test
    void aRunThatDidNotEndAsAskedLeavesNoArchive() throws Exception {
        Path jar = jar();
        Path pending = archive(jar, dir.resolve("classes.jsa.1.tmp"));
        StartCache start = new StartCache(JAVA, jar, List.of(), pending);

        start.settle(137); // killed: whatever it wrote is not trusted

        assertThat(dir.resolve("classes.jsa")).doesNotExist();
        assertThat(pending).doesNotExist();
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
