package io.mirrormaestro.launcher;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the launcher in a JVM whose memory is bounded, without asking the user for JVM flags: {@code java -jar
 * mirror-maestro.jar} without {@code -Xmx} starts a second JVM on the same jar (extracted, with a class-data archive:
 * see {@link StartCache}) with a bounded heap and the collector and compiler settings of the services' images, and
 * only waits for it. A JVM left to its defaults takes a quarter of the machine's memory as heap and grows towards it
 * (2.1 GB on a 24 GB machine).
 *
 * <p>The outer JVM passes on its arguments, environment and terminal, hands a plain {@code kill} on (the system
 * shuts down cleanly, then the outer JVM exits with its code) and, if it is itself killed with {@code kill -9}, takes
 * the system with it: the inner JVM halts as soon as its parent is gone, as if it had been killed too, so that a
 * restart with the same data directory finds no process holding its ports and files.
 */
final class BoundedJvm {

    /** Set on the inner JVM. */
    static final String INNER = "mm.launcher.bounded";

    private BoundedJvm() {}

    /**
     * Whether this JVM should start the bounded one instead of the system: run from the jar, not already the inner
     * JVM, and started without a heap bound of the user's own ({@code -Xmx}, {@code -XX:MaxRAM…}).
     */
    static boolean needed(List<String> jvmArguments, Path codeSource) {
        if (Boolean.getBoolean(INNER)
                || codeSource == null
                || !codeSource.toString().endsWith(".jar")) {
            return false;
        }
        return jvmArguments.stream()
                .noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize") || a.startsWith("-XX:MaxRAM"));
    }

    /** The inner JVM's command line; {@code options} are those of its {@link StartCache}. */
    static List<String> command(String java, Path jar, String maxHeap, List<String> options, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx" + maxHeap);
        // the heap grows only as far as the estate needs, and the young generation stays small: a 10,000 import
        // peaked at 686 MB for both JVMs rather than 801 MB, for the same CPU; 160 MB to start with spares the start
        // the collections of a heap growing from less (bench/README.md, fifth round)
        command.add("-Xms160m");
        command.add("-Xmn64m");
        command.add("-XX:MinHeapFreeRatio=20");
        command.add("-XX:MaxHeapFreeRatio=40");
        // as in the services' Dockerfiles: a small heap wants the serial collector, and the quick compiler starts
        // the system in less time and memory than C2
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xss512k");
        command.add("-XX:ReservedCodeCacheSize=64m");
        command.addAll(options);
        command.add("-D" + INNER + "=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }

    /** Starts the inner JVM and returns its exit code once it ends. */
    static int run(LauncherSettings settings, String[] args) throws Exception {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        StartCache start = StartCache.prepare(java, jar());
        Process inner = new ProcessBuilder(
                        command(java, start.jar(), settings.maxHeap(), start.options(), List.of(args)))
                .inheritIO()
                .start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (inner.isAlive()) {
                                if (start.writesArchive()) {
                                    System.err.println("mirror-maestro: stopping; saving the classes it loaded, for a"
                                            + " faster start next time (once, about ten seconds)");
                                }
                                inner.destroy(); // SIGTERM: the system stops in order
                                try {
                                    if (!inner.waitFor(2, TimeUnit.MINUTES)) {
                                        inner.destroyForcibly();
                                    }
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            if (!inner.isAlive()) {
                                start.settle(inner.exitValue());
                            }
                        },
                        "mm-bounded-jvm-stop"));
        int exit = inner.waitFor();
        start.settle(exit);
        return exit;
    }

    /** On the inner JVM: halt when the outer one is gone (killed with {@code kill -9}, say). */
    static void followParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                .thenRun(() -> Runtime.getRuntime().halt(137)));
    }

    static boolean needed() {
        return needed(ManagementFactory.getRuntimeMXBean().getInputArguments(), jar());
    }

    /** The jar this JVM runs ({@code java -jar}: the class path is that jar alone), or null. */
    static Path jar() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return null;
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        return Files.isRegularFile(jar) ? jar : null;
    }
}
