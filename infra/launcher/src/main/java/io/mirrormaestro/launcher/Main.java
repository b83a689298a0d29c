package io.mirrormaestro.launcher;

/**
 * The jar's entry point. It loads nothing but the settings before deciding whether this JVM runs the system or only
 * starts the bounded JVM that does (see {@link BoundedJvm}): a launching JVM that initialised logging and the
 * system's classes would itself hold a hundred megabytes while it waits.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (BoundedJvm.needed()) {
            LauncherSettings settings;
            try {
                settings = LauncherSettings.from(System.getenv());
            } catch (IllegalArgumentException e) {
                System.err.println("mirror-maestro: " + e.getMessage());
                System.exit(2);
                return;
            }
            System.exit(BoundedJvm.run(settings, args));
            return;
        }
        Launcher.main(args);
    }
}
