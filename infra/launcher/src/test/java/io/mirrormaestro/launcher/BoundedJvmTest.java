package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedJvmTest {

    private static final Path JAR = Path.of("/opt/mm/mirror-maestro.jar");

    @Test
    void onlyAJarStartedWithoutAHeapBoundStartsTheBoundedJvm() {
        assertThat(BoundedJvm.needed(List.of(), JAR)).isTrue();
        assertThat(BoundedJvm.needed(List.of("-Dfile.encoding=UTF-8", "-XX:+UseG1GC"), JAR))
                .isTrue();
        assertThat(BoundedJvm.needed(List.of("-Xmx2g"), JAR))
                .as("the user's own bound")
                .isFalse();
        assertThat(BoundedJvm.needed(List.of("-XX:MaxRAMPercentage=50"), JAR)).isFalse();
        assertThat(BoundedJvm.needed(List.of("-XX:MaxHeapSize=1g"), JAR)).isFalse();
        assertThat(BoundedJvm.needed(List.of(), null))
                .as("run from classes, as in tests")
                .isFalse();
        assertThat(BoundedJvm.needed(List.of(), Path.of("target/classes"))).isFalse();
    }

    @Test
    void theBoundedJvmRunsTheSameJarWithTheGivenHeapAndTheArguments() {
        assertThat(BoundedJvm.command(
                        "/usr/bin/java", JAR, "448m", List.of("-XX:SharedArchiveFile=a.jsa"), List.of("--x")))
                .startsWith("/usr/bin/java", "-Xmx448m")
                .contains(
                        "-XX:+UseSerialGC", "-Xmn64m", "-XX:SharedArchiveFile=a.jsa", "-D" + BoundedJvm.INNER + "=true")
                .endsWith("-jar", JAR.toString(), "--x");
    }

    @Test
    void theHeapSettingIsASizeOfAtLeast256Megabytes() {
        assertThat(LauncherSettings.from(Map.of()).maxHeap()).isEqualTo("448m");
        assertThat(LauncherSettings.from(Map.of("MM_MAX_HEAP", "1G")).maxHeap()).isEqualTo("1g");
        assertThat(LauncherSettings.from(Map.of("MM_MAX_HEAP", "300000k")).maxHeap())
                .isEqualTo("300000k");
        for (String wrong : List.of("lots", "512", "-1m", "100m", "1t", "512m -XX:+Foo")) {
            assertThatThrownBy(() -> LauncherSettings.from(Map.of("MM_MAX_HEAP", wrong)))
                    .as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("MM_MAX_HEAP");
        }
    }
}
