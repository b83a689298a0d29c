package io.mirrormaestro.faults;

import java.util.List;

/** The suite's table, as Markdown (it goes into docs/RELIABILITY.md as printed). */
final class Report {

    private Report() {}

    static String table(String title, List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(title).append("\n\n");
        out.append("| Scenario | What was done | Invariants checked | Result | Recovery | Figures |\n");
        out.append("|---|---|---|---|---:|---|\n");
        for (Outcome o : outcomes) {
            out.append("| ")
                    .append(cell(o.scenario()))
                    .append(" | ")
                    .append(cell(o.done()))
                    .append(" | ")
                    .append(cell(o.invariants()))
                    .append(" | ")
                    .append(cell(o.result()))
                    .append(" | ")
                    .append(o.recoveryText())
                    .append(" | ")
                    .append(cell(o.figures()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
