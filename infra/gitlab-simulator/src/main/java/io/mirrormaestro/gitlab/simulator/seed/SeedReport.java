package io.mirrormaestro.gitlab.simulator.seed;

import java.util.List;

/** What a seed created that callers cannot know in advance: generated token values. */
public record SeedReport(String instance, List<SeededToken> tokens) {

    /**
     * @param type personal, group or project
     * @param owner username, group path or project path
     * @param generated false when the seed file gave the value explicitly
     */
    public record SeededToken(String type, String owner, String name, String value, boolean generated) {}
}
