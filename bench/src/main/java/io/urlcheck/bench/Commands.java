package io.urlcheck.bench;

import java.io.IOException;
import java.util.List;

/** Runs a tool the bench drives (wrk, the asyncio peer) to its end and hands back what it printed. */
final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code command} with stderr folded into stdout and returns the output; fails, with the output, when it
     * exits non-zero, and with {@code installHint} when it cannot be started.
     */
    static String output(List<String> command, String what, String installHint) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(what + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + what + " (" + installHint + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + what, e);
        }
    }
}
