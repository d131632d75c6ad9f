package io.urlcheck.launcher.stack;

import io.urlcheck.contract.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PortClaimsTest {

    private static final Instant START = Instant.parse("2026-12-06T00:00:00Z");

    private static final int PORTS = 1_000;

    @TempDir
    Path dir;

    @Test
    void aPortClaimedByAnotherProcessIsRefusedUntilTheClaimExpires() {
        Path file = dir.resolve("claims");
        ManualClock clock = new ManualClock(START);
        PortClaims ours = new PortClaims(file, clock);
        PortClaims theirs = new PortClaims(file, clock);

        assertThat(theirs.claim(20_001)).isTrue();
        assertThat(ours.claim(20_001)).as("claimed a moment ago").isFalse();
        assertThat(ours.claim(20_002)).as("another port").isTrue();

        clock.advance(PortClaims.LIFETIME);
        assertThat(ours.claim(20_001)).as("the claim expired").isTrue();
        assertThat(theirs.claim(20_001)).as("now ours").isFalse();
    }

    @Test
    void expiredClaimsAndLinesNoUrlcheckWroteAreDroppedFromTheFile() throws Exception {
        Path file = dir.resolve("claims");
        ManualClock clock = new ManualClock(START);
        Files.writeString(file, "20003 " + (clock.millis() - PortClaims.LIFETIME.toMillis()) + "\nnot a claim\n20004 x\n");

        assertThat(new PortClaims(file, clock).claim(20_005)).isTrue();

        assertThat(Files.readString(file)).isEqualTo("20005 " + clock.millis() + "\n");
    }

    @Test
    void claimsAreSkippedWhenTheFileCannotBeUsed() {
        PortClaims unusable = new PortClaims(dir.resolve("no-such-dir").resolve("claims"), Clock.systemUTC());

        assertThat(unusable.claim(20_006)).isTrue();
        assertThat(unusable.claim(20_006)).as("nothing recorded, so nothing refused").isTrue();
    }

    @Test
    void twoProcessesClaimingTheSamePortsAtOnceNeverWinTheSamePort() throws Exception {
        Path file = dir.resolve("claims");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OtherProcess.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream in = other.getOutputStream()) {
            assertThat(out.readLine()).isEqualTo("ready");
            in.write("go\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();

            Set<Integer> ours = claimAll(new PortClaims(file, Clock.systemUTC()));
            Set<Integer> theirs = new HashSet<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                theirs.add(Integer.parseInt(line));
            }

            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ours).as("both won some: they ran at once").isNotEmpty();
            assertThat(theirs).as("both won some: they ran at once").isNotEmpty();
            assertThat(ours).as("won by both").doesNotContainAnyElementsOf(theirs);
            assertThat(ours.size() + theirs.size()).as("every port won once").isEqualTo(PORTS);
        } finally {
            other.destroyForcibly();
        }
    }

    private static Set<Integer> claimAll(PortClaims claims) {
        Set<Integer> won = new HashSet<>();
        for (int port = 20_000; port < 20_000 + PORTS; port++) {
            if (claims.claim(port)) {
                won.add(port);
            }
        }
        return won;
    }

    /** The other process: says it is ready, waits for "go", claims the same ports and prints those it won. */
    static final class OtherProcess {
        public static void main(String[] args) throws Exception {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
            claimAll(new PortClaims(Path.of(args[0]), Clock.systemUTC())).forEach(System.out::println);
        }
    }
}
