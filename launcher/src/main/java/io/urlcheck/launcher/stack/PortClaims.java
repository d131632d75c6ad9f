package io.urlcheck.launcher.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The free ports that urlcheck processes of this user handed out on this machine in the last minute. Two of
 * them starting at once (two {@code ./urlcheck run}s, a test suite running stacks side by side) could otherwise
 * both find a port free and both hand it out before either service binds it, and one service would then fail
 * to start. A claimed port is skipped by every other process until its claim expires, by when its service
 * listens on it and {@link Ports#isFree} says so.
 *
 * <p>The claims are one small file, {@code <port> <epoch millis>} a line, read and rewritten under a file
 * lock. They are a courtesy between processes: when the file can't be used, nothing is claimed and
 * {@link Ports#isFree} stays the only check, as it was before claims.
 */
final class PortClaims {

    /** How long a claim holds: far longer than a service takes to bind the port it was given. */
    static final Duration LIFETIME = Duration.ofMinutes(1);
    /** A {@link FileLock} is held by the whole JVM, and a second lock from another thread throws: they queue here. */
    private static final Object IN_THIS_JVM = new Object();

    private final Path file;
    private final Clock clock;

    PortClaims(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The claims of this user, in the temp directory. */
    static PortClaims ofThisUser() {
        String user = System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9_.-]", "_");
        return new PortClaims(Path.of(System.getProperty("java.io.tmpdir"), "urlcheck-port-claims-" + user),
                Clock.systemUTC());
    }

    /**
     * Claims {@code port}: false when a live claim holds it already, true when it is now this process's (or
     * when the claims can't be read or written).
     */
    boolean claim(int port) {
        synchronized (IN_THIS_JVM) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                long now = clock.millis();
                Map<Integer, Long> live = live(read(channel), now);
                if (live.containsKey(port)) {
                    return false;
                }
                live.put(port, now);
                write(channel, live);
                return true;
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
    }

    private static Map<Integer, Long> live(String text, long now) {
        Map<Integer, Long> live = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.strip().split(" ");
            if (fields.length != 2) {
                continue;
            }
            try {
                long claimedAt = Long.parseLong(fields[1]);
                if (now - claimedAt < LIFETIME.toMillis()) {
                    live.put(Integer.parseInt(fields[0]), claimedAt);
                }
            } catch (NumberFormatException e) {
                // A line no urlcheck wrote: dropped when the file is rewritten.
            }
        }
        return live;
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 20));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // reads until full or at the end
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }

    private static void write(FileChannel channel, Map<Integer, Long> live) throws IOException {
        StringBuilder text = new StringBuilder();
        live.forEach((port, at) -> text.append(port).append(' ').append(at).append('\n'));
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
        channel.truncate(0);
        while (bytes.hasRemaining()) {
            channel.write(bytes, bytes.position());
        }
    }
}
