package io.mirrormaestro.launcher;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * What halves the start of the one-command run (10.5 s to 4.0-4.3 s on one machine, 14.7 s to 7.0-7.7 s on a slower
 * one; bench/README.md): the bounded JVM runs the jar extracted (Spring Boot's {@code -Djarmode=tools extract}: plain
 * jars on the class path, read faster than jars nested in a jar) and maps the classes a start loads from a class-data
 * archive (CDS) instead of parsing and verifying them again.
 *
 * <p>Both are kept beside the jar, in {@code <jar>.cache/<size>-<modified>-<JVM>/}. The first run of a build
 * extracts the jar once the system is up, in the system's JVM (about a second of one core, in its bounded heap: the
 * launching JVM stays small); the next run starts from the extracted jar and writes the archive as it ends (the JVM
 * writes it as it exits: ten seconds, once); the runs after it start from both. Nothing half-made is used: the
 * extraction is renamed into place whole, and an archive is kept only after a JVM started with it (a truncated
 * archive crashes the JVM that maps it). A rebuilt jar gets a directory of its own and the old one is removed. Where
 * the jar's directory cannot be written, the jar runs as it is.
 */
final class StartCache {

    /** Set on the system's JVM when it should extract the jar once it is up: the directory to extract into. */
    static final String EXTRACT_INTO = "mm.launcher.extract-into";

    /** The exit codes of a run that ended as asked (plain, SIGINT, SIGTERM): only then is its archive complete. */
    private static final Set<Integer> ENDED_AS_ASKED = Set.of(0, 130, 143);

    private static final String ARCHIVE = "classes.jsa";

    /** Messages of the JVM about the archive (a stale one is simply not used) stay out of the user's terminal. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final String java;
    private final Path jar;
    private final List<String> options;
    private final Path pendingArchive;
    private boolean settled;

    StartCache(String java, Path jar, List<String> options, Path pendingArchive) {
        this.java = java;
        this.jar = jar;
        this.options = options;
        this.pendingArchive = pendingArchive;
    }

    /**
     * The jar the bounded JVM runs and its options: the extracted jar with its archive once they exist; until then the
     * jar itself, told where to extract it.
     */
    static StartCache prepare(String java, Path jar) {
        StartCache asItIs = new StartCache(java, jar, List.of(), null);
        try {
            Path dir = home(jar).resolve(build(jar));
            Path extracted = dir.resolve("app").resolve(jar.getFileName());
            if (!Files.isRegularFile(extracted)) {
                return Files.isWritable(jar.getParent())
                        ? new StartCache(java, jar, List.of("-D" + EXTRACT_INTO + "=" + dir), null)
                        : asItIs;
            }
            removeLeftovers(dir);
            Path archive = dir.resolve(ARCHIVE);
            List<String> options = new ArrayList<>(QUIET);
            if (Files.isRegularFile(archive)) {
                options.add("-XX:SharedArchiveFile=" + archive);
                return new StartCache(java, extracted, options, null);
            }
            Path pending = dir.resolve(ARCHIVE + "." + ProcessHandle.current().pid() + ".tmp");
            options.add("-XX:ArchiveClassesAtExit=" + pending);
            return new StartCache(java, extracted, options, pending);
        } catch (IOException | RuntimeException e) {
            System.err.println("mirror-maestro: starting from " + jar + " as it is (" + e.getMessage() + ")");
            return asItIs;
        }
    }

    /** This build of the jar, for this JVM: an archive holds to the JVM that wrote it. */
    private static String build(Path jar) throws IOException {
        return Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + "-"
                + Integer.toHexString(System.getProperty("java.vm.version", "").hashCode());
    }

    /** The jar to run with {@code -jar}. */
    Path jar() {
        return jar;
    }

    /** The JVM options that go with it. */
    List<String> options() {
        return options;
    }

    /** Whether this run writes the archive as it ends. */
    boolean writesArchive() {
        return pendingArchive != null;
    }

    /**
     * After the bounded JVM ended: its archive, when it wrote one and ended as asked, becomes the one later runs use,
     * once a JVM has started with it. Called from the exit path and the stop hook alike: the first call settles, a
     * second waits for it (the JVM ends once its stop hook returns).
     */
    synchronized void settle(int exitCode) {
        if (pendingArchive == null || settled) {
            return;
        }
        settled = true;
        try {
            if (ENDED_AS_ASKED.contains(exitCode)
                    && Files.isRegularFile(pendingArchive)
                    && startsWith(pendingArchive)) {
                Files.move(
                        pendingArchive,
                        pendingArchive.resolveSibling(ARCHIVE),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // the next run makes another
        } finally {
            deleteQuietly(pendingArchive);
        }
    }

    private boolean startsWith(Path archive) {
        // a JVM that cannot map the archive may crash: its report goes beside the archive, not into the user's
        // working directory, and is removed
        Path crashReport = archive.resolveSibling(archive.getFileName() + ".crash.log");
        try {
            return printsVersion(
                    java,
                    jar,
                    "-XX:SharedArchiveFile=" + archive,
                    "-Xshare:on",
                    "-XX:ErrorFile=" + crashReport,
                    "-XX:-CreateCoredumpOnCrash");
        } finally {
            deleteQuietly(crashReport);
        }
    }

    /** Whether {@code java -version} with these options and class path ends well within a minute. */
    static boolean printsVersion(String java, Path classPath, String... options) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", classPath.toString(), "-version"));
        try {
            Process run = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!run.waitFor(1, TimeUnit.MINUTES)) {
                run.destroyForcibly();
                return false;
            }
            return run.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code <jar>.cache} beside the jar. */
    static Path home(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".cache");
    }

    /**
     * On the system's JVM, run from the jar: extracts it into {@code dir} (see {@link #EXTRACT_INTO}) for the runs
     * after this one, through a staging directory renamed into place whole.
     */
    static void extractInto(Path dir) throws IOException {
        Path home = dir.getParent();
        String build = dir.getFileName().toString();
        Files.createDirectories(home);
        removeOtherBuilds(home, build);
        Path staging = home.resolve(build + "." + ProcessHandle.current().pid() + ".tmp");
        deleteQuietly(staging);
        try {
            Files.createDirectories(staging);
            extract(staging.resolve("app"));
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException anotherRunWasFirst) {
                // a run beside this one extracted the same jar: theirs serves
            }
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * Spring Boot's {@code -Djarmode=tools extract} of the jar this JVM runs, in this JVM (a second process would cost
     * a JVM's start). Its class is in the jar's libraries, not among what this module compiles against, hence the
     * reflection.
     */
    private static void extract(Path destination) throws IOException {
        try {
            Class<?> tools = Class.forName("org.springframework.boot.jarmode.tools.ToolsJarMode");
            tools.getMethod("run", String.class, String[].class)
                    .invoke(tools.getConstructor().newInstance(), "tools", new String[] {
                        "extract", "--destination", destination.toString()
                    });
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            throw new IOException("the jar could not be extracted: " + cause, cause);
        }
    }

    /** Archives that runs killed while writing them left ({@code classes.jsa.<pid>.tmp} of a process gone). */
    private static void removeLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ARCHIVE + ".*.tmp")) {
            for (Path entry : entries) {
                if (!running(entry.getFileName().toString())) {
                    deleteQuietly(entry);
                }
            }
        }
    }

    /** Whether the process whose id a leftover's name carries ({@code name.<pid>.tmp}) still runs. */
    static boolean running(String leftover) {
        String[] parts = leftover.split("\\.");
        try {
            long pid = Long.parseLong(parts[parts.length - 2]);
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    /** What earlier builds of the jar left (their runs have ended or keep the files they opened). */
    private static void removeOtherBuilds(Path home, String build) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(home)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals(build) && !(name.startsWith(build + ".") && running(name))) {
                    deleteQuietly(entry);
                }
            }
        }
    }

    /** Spring's recursive delete; what cannot be deleted now is left for the next run. */
    private static void deleteQuietly(Path path) {
        try {
            FileSystemUtils.deleteRecursively(path);
        } catch (IOException | RuntimeException e) {
            // left for the next run
        }
    }
}
