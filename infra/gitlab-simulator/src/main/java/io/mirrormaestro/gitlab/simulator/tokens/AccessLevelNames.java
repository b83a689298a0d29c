package io.mirrormaestro.gitlab.simulator.tokens;

final class AccessLevelNames {
    private AccessLevelNames() {}

    static String name(int level) {
        return switch (level) {
            case 10 -> "Guest";
            case 15 -> "Planner";
            case 20 -> "Reporter";
            case 30 -> "Developer";
            case 40 -> "Maintainer";
            case 50 -> "Owner";
            default -> "No access";
        };
    }
}
