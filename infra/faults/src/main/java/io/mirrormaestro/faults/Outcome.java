package io.mirrormaestro.faults;

import java.time.Duration;
import java.util.List;

/**
 * One row of the suite's table: the scenario, what was done to the system, which invariants were checked, the result
 * (the violations found, if any), how long the system took to recover (from the moment the fault ended to the
 * invariants holding) and the figures measured on the way.
 */
record Outcome(
        String scenario, String done, String invariants, List<String> violations, Duration recovery, String figures) {

    boolean passed() {
        return violations.isEmpty();
    }

    String result() {
        if (passed()) {
            return "pass";
        }
        String first = String.join("; ", violations.subList(0, Math.min(3, violations.size())));
        return "FAIL (" + violations.size() + "): " + first;
    }

    String recoveryText() {
        return recovery == null ? "-" : String.format("%.1f s", recovery.toMillis() / 1000.0);
    }

    static Outcome failed(String scenario, String done, String invariants, Throwable error) {
        return new Outcome(
                scenario,
                done,
                invariants,
                List.of("stopped by " + error.toString().replace('\n', ' ')),
                null,
                "");
    }
}
