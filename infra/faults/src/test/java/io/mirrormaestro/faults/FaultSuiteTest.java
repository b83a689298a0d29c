package io.mirrormaestro.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault and abuse suite in the build: the short scenarios on every {@code ./mvnw verify}, the long ones with
 * {@code -Pfaults-long}. {@code -Dfaults.only=canary,storm} runs the scenarios whose names contain those words.
 */
class FaultSuiteTest {

    @Test
    void everyScenarioEndsWithItsInvariantsHolding() throws Exception {
        Mode mode = Mode.of(System.getProperty("faults.mode", "short"));
        Path dir = Path.of(System.getProperty("faults.dir", "target/faults")).resolve(mode.name());
        String only = System.getProperty("faults.only", "");
        List<String> selected = only.isBlank()
                ? List.of()
                : Arrays.stream(only.split(",")).map(String::trim).toList();

        List<Outcome> outcomes = FaultSuite.runAll(
                mode,
                dir,
                Path.of(System.getProperty("faults.services", "target/services")),
                Path.of(System.getProperty("faults.classes", "target/classes")),
                selected);

        assertThat(outcomes).isNotEmpty().allSatisfy(o -> assertThat(o.violations())
                .as("%s: %s", o.scenario(), o.done())
                .isEmpty());
    }
}
