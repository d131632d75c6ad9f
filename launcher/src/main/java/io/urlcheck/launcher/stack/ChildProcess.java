package io.urlcheck.launcher.stack;

import io.urlcheck.contract.DaemonThreads;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM of the local stack: started with its output appended to a log file, stoppable by
 * SIGTERM ({@link #terminate()}), SIGKILL ({@link #kill()}) or both in turn ({@link #stop(Duration)}),
 * and restartable with the same command.
 *
 * <p>Children never outlive this JVM. Three mechanisms, see {@code stack/DESIGN.md}: every live child
 * is destroyed by a shutdown hook; on Linux each is wrapped in {@code setsid setpriv --pdeathsig KILL},
 * so a {@code kill -9} of this JVM kills them too; and {@code setsid} keeps a terminal's Ctrl+C away
 * from them, so that the launcher alone decides how they stop.
 */
public final class ChildProcess {

    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
    /**
     * The parent-death signal fires when the <em>thread</em> that forked the child ends, so every child
     * is forked from this one thread, which lives as long as the JVM.
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(DaemonThreads.named("urlcheck-spawner"));
    private static final List<String> WRAPPER = detectWrapper();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::killAll, "urlcheck-children-reaper"));
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final ClassDataSharing cds;
    private volatile Process process;
    private volatile boolean writesArchive;

    /** A child called {@code name} (for messages) that runs {@code command}, logging to {@code logFile}. */
    public ChildProcess(String name, List<String> command, Path logFile) {
        this(name, command, Map.of(), logFile);
    }

    /**
     * A child that also gets {@code environment} (the way secrets reach it: see {@link Secrets}). It never
     * inherits the launcher's own secret variables ({@link Secrets#LAUNCHER_VARIABLES}).
     */
    public ChildProcess(String name, List<String> command, Map<String, String> environment, Path logFile) {
        this(name, command, environment, logFile, null);
    }

    /** A child JVM ({@code command} starts with {@code java}) that maps, or writes, the class-data archive {@code cds}. */
    ChildProcess(String name, List<String> command, Map<String, String> environment, Path logFile,
                 ClassDataSharing cds) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.cds = cds;
    }

    /** Starts the command; output (stdout and stderr) is appended to the log file. */
    public synchronized ChildProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            List<String> full = new ArrayList<>(WRAPPER);
            full.add(command.get(0));
            writesArchive = cds != null && cds.writesAtExit();
            if (cds != null) {
                full.addAll(cds.flags());
            }
            full.addAll(command.subList(1, command.size()));
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().keySet().removeAll(Secrets.LAUNCHER_VARIABLES);
            builder.environment().putAll(environment);
            process = SPAWNER.submit(builder::start).get();
            if (cds != null) {
                process.onExit().thenAccept(p -> cds.afterExit(p.exitValue()));
            }
            LIVE.add(this);
            return this;
        } catch (ExecutionException e) {
            throw new StackException("could not start " + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (IOException e) {
            throw new StackException("could not start " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted starting " + name, e);
        }
    }

    /** Sends SIGTERM (a graceful stop) and returns at once. */
    public void terminate() {
        Process p = process;
        if (p != null) {
            p.destroy();
        }
    }

    /** Sends SIGKILL and waits until the process is gone: a crash, as {@code kill -9} makes one. */
    public void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            awaitExit(p, Duration.ofSeconds(30));
            LIVE.remove(this);
        }
    }

    /** SIGTERM, then SIGKILL if the process has not exited within {@code grace}. */
    public void stop(Duration grace) {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        if (!awaitExit(p, grace)) {
            kill();
        }
        LIVE.remove(this);
    }

    /**
     * True while this JVM is to write its class-data archive when it exits: stopping it by SIGKILL would
     * lose the archive, so a fast stop SIGTERMs it instead ({@link ClassDataSharing}).
     */
    public boolean writesArchiveAtExit() {
        return writesArchive && isAlive();
    }

    /** Waits up to {@code timeout} for the process to exit by itself; true if it has. */
    public boolean awaitExit(Duration timeout) {
        Process p = process;
        return p == null || awaitExit(p, timeout);
    }

    private static boolean awaitExit(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    /** True while the process runs. */
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The running process's handle (for its pid, command line and children); fails before the first start. */
    public ProcessHandle handle() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return p.toHandle();
    }

    /** The operating-system process id; -1 before the first start. */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** The exit code, or null while running or before the first start. */
    public Integer exitCode() {
        Process p = process;
        return p == null || p.isAlive() ? null : p.exitValue();
    }

    /** The name used in messages: {@code kafka}, {@code producer}, {@code worker-1}... */
    public String name() {
        return name;
    }

    /** The class-data archive it maps or writes; null when it has none. */
    ClassDataSharing classDataSharing() {
        return cds;
    }

    /** The command it runs (without the {@code setsid}/{@code setpriv} wrapper). */
    public List<String> command() {
        return command;
    }

    /** The variables it gets on top of the launcher's environment. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Where this child's output goes. */
    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILLs every child still alive; the shutdown hook's and a forced exit's last resort. */
    public static void killAll() {
        for (ChildProcess child : LIVE) {
            Process p = child.process;
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        for (ChildProcess child : LIVE) {
            Process p = child.process;
            if (p != null) {
                awaitExit(p, Duration.ofSeconds(10));
            }
        }
        LIVE.clear();
    }

    /**
     * {@code setsid} (own session: no terminal signals) and {@code setpriv --pdeathsig KILL} (die with
     * the parent) when both exist; both exec in place, so the child's pid is the JVM's pid.
     */
    private static List<String> detectWrapper() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")
                || Boolean.getBoolean("urlcheck.no-wrapper")) {
            return List.of();
        }
        Path setsid = findOnPath("setsid");
        Path setpriv = findOnPath("setpriv");
        List<String> wrapper = new ArrayList<>();
        if (setsid != null) {
            wrapper.add(setsid.toString());
        }
        if (setpriv != null) {
            wrapper.addAll(List.of(setpriv.toString(), "--pdeathsig", "KILL"));
        }
        return List.copyOf(wrapper);
    }

    private static Path findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** True when a kill -9 of this JVM also kills its children (setpriv was found). */
    public static boolean diesWithParent() {
        return WRAPPER.contains("--pdeathsig");
    }
}
