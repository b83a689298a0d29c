package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules that keep a half-made archive from ever being used (the whole cycle on the packaged jar is in
 * {@link OneCommandRunIT}): a JVM that maps a truncated archive crashes.
 */
class StartCacheTest {

    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void anArchiveNoJvmStartsWithIsDroppedNotKept() throws Exception {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[0]);
        Path pending = Files.write(dir.resolve("classes.jsa.1.tmp"), new byte[4096]); // as a killed dump leaves it
        StartCache start = new StartCache(JAVA, jar, List.of(), pending);

        start.settle(143);

        assertThat(dir.resolve("classes.jsa")).doesNotExist();
        assertThat(pending).doesNotExist();
    }

    @Test
    void aRunThatDidNotEndAsAskedLeavesNoArchive() throws Exception {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[0]);
        Path pending = Files.write(dir.resolve("classes.jsa.1.tmp"), new byte[4096]);
        StartCache start = new StartCache(JAVA, jar, List.of(), pending);

        start.settle(137); // killed

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
    void aJarThatCannotBeExtractedRunsAsItIs() throws Exception {
        Path jar = Files.write(dir.resolve("mirror-maestro.jar"), new byte[] {1, 2, 3}); // no Spring Boot jar

        StartCache start = StartCache.prepare(JAVA, jar);

        assertThat(start.jar()).isEqualTo(jar);
        assertThat(start.options()).isEmpty();
        assertThat(start.writesArchive()).isFalse();
        assertThat(Files.list(StartCache.home(jar)))
                .as("no staging left behind")
                .isEmpty();
    }
}
