package io.urlcheck.testkit.postgres;

import io.urlcheck.launcher.stack.Ports;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, run from the {@code initdb}/{@code pg_ctl} binaries on the
 * machine (PATH, else the newest {@code /usr/lib/postgresql/N/bin}). PostgreSQL refuses to run as
 * root, so as root every command runs under {@code unshare -U}: in a user namespace of its own the
 * process is no longer uid 0, while files still belong to the real user. The server listens on a
 * free loopback port and keeps its Unix socket in its own directory. It can be stopped, killed and
 * started again on the same port and data, which is what chaos tests need.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser, with trust authentication on loopback. */
    public static final String USER = "postgres";

    private final Path home;
    private final Path data;
    private final Path log;
    private final Binaries binaries;
    private final int port;

    private PostgresServer(Path home, Binaries binaries, int port) {
        this.home = home;
        this.data = home.resolve("data");
        this.log = home.resolve("postgres.log");
        this.binaries = binaries;
        this.port = port;
    }

    /** Where {@code initdb} and {@code pg_ctl} are, and whether they must run under {@code unshare -U} (as root). */
    private record Binaries(Path dir, boolean unshare) {

        /** The machine's binaries: PATH, else the newest {@code /usr/lib/postgresql/N/bin}. */
        static Binaries find() {
            return new Binaries(findBin(), isRoot());
        }

        /** The command line that runs {@code tool} with {@code args}. */
        List<String> command(String tool, String... args) {
            List<String> argv = new ArrayList<>();
            if (unshare) {
                argv.add("unshare");
                argv.add("-U");
            }
            argv.add(dir.resolve(tool).toString());
            argv.addAll(List.of(args));
            return argv;
        }
    }

    /** Creates a fresh cluster in a temporary directory and starts it; {@code fsync=false} trades durability for speed. */
    public static PostgresServer start(boolean fsync) {
        try {
            Path home = Files.createTempDirectory("urlcheck-pg-");
            Path sockets = Files.createDirectories(home.resolve("sock"));
            PostgresServer server = new PostgresServer(home, Binaries.find(), Ports.free());
            server.run(60, "initdb", "-D", server.data.toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync");
            String conf = String.join("\n",
                    "port = " + server.port,
                    "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = '" + sockets + "'",
                    "fsync = " + (fsync ? "on" : "off"),
                    "max_connections = 50",
                    "shared_buffers = 128MB",
                    "");
            Files.writeString(server.data.resolve("postgresql.conf"), conf, StandardOpenOption.APPEND);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up a PostgreSQL test server", e);
        }
    }

    /** Starts the server (again) on its port and data; returns once it accepts connections. */
    public void start() {
        run(90, "pg_ctl", "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60", "start");
    }

    /** Stops the server cleanly (fast shutdown: open sessions are cut). */
    public void stop() {
        run(90, "pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** Stops the server the hard way (immediate shutdown: no checkpoint; recovery runs at the next start). */
    public void kill() {
        run(90, "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
    }

    /** A client program of the same PostgreSQL as the server ({@code psql}), for a test that runs what an operator would. */
    public Path clientTool(String name) {
        return binaries.dir().resolve(name);
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    /** A JDBC URL for {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database and returns its JDBC URL; tests sharing a server keep apart by database. */
    public String createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (RuntimeException e) {
            // Already stopped: nothing to stop.
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + home, e);
        }
    }

    /** Runs {@code tool} with {@code args}, failing with its output (and the server log's tail) unless it exits 0 in time. */
    private void run(int timeoutSeconds, String tool, String... args) {
        List<String> argv = binaries.command(tool, args);
        Path out = home.resolve("command.log");
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " did not finish in " + timeoutSeconds + "s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue() + ":\n"
                        + Files.readString(out) + (Files.exists(log) ? "\nserver log:\n" + tail(log) : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", argv), e);
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static Path findBin() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path initdb = Path.of(dir, "initdb");
            if (!dir.isEmpty() && Files.isExecutable(initdb) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return realParent(initdb);
            }
        }
        Path versions = Path.of("/usr/lib/postgresql");
        try (Stream<Path> dirs = Files.list(versions)) {
            return dirs.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no PostgreSQL binaries: put initdb and pg_ctl on PATH "
                    + "(Debian: apt-get install postgresql)", e);
        }
    }

    /** The directory of the real binary: Debian's wrappers and symlinks point into /usr/lib/postgresql/N/bin. */
    private static Path realParent(Path tool) {
        try {
            return tool.toRealPath().getParent();
        } catch (IOException e) {
            return tool.getParent();
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return "0".equals(uid);
        } catch (IOException e) {
            return "root".equals(System.getProperty("user.name"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
