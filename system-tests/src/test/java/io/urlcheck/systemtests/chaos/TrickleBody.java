package io.urlcheck.systemtests.chaos;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A submission body that sends its first lines and then stalls until {@link #release()}: an upload
 * cut off mid-file, so a test can kill the producer while it is inside a submission, or (made by
 * {@link #resuming}) an upload that goes on after the stall, so a test can signal the producer mid-upload. The
 * producer reads its body in blocks of some tens of KB, so the head ends in {@link #PADDING} blank lines (which
 * the producer skips) to push every URL of the head through before the stall.
 */
final class TrickleBody extends InputStream {

    /** Bytes of blank lines after the head. */
    static final int PADDING = 128 * 1024;

    private final InputStream head;
    /** What follows the stall, or null when the body then fails. */
    private final InputStream tail;
    private final CountDownLatch released = new CountDownLatch(1);

    /** Sends the first {@code sent} of {@code urls}, then stalls; released, it fails. */
    TrickleBody(List<String> urls, int sent) {
        this(urls, sent, false);
    }

    private TrickleBody(List<String> urls, int sent, boolean resumes) {
        this.head = new ByteArrayInputStream((String.join("\n", urls.subList(0, sent)) + "\n"
                + "\n".repeat(PADDING)).getBytes(StandardCharsets.UTF_8));
        this.tail = resumes ? new ByteArrayInputStream((String.join("\n", urls.subList(sent, urls.size())) + "\n")
                .getBytes(StandardCharsets.UTF_8)) : null;
    }

    /** Sends the first {@code sent} of {@code urls}, then stalls; released, it sends the rest and ends normally. */
    static TrickleBody resuming(List<String> urls, int sent) {
        return new TrickleBody(urls, sent, true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = head.read(b, off, len);
        if (n > 0) {
            return n;
        }
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tail == null) {
            throw new IOException("upload abandoned");
        }
        return tail.read(b, off, len);
    }

    /** Ends the stall: the body fails, as an abandoned upload does, or goes on when it was made {@link #resuming}. */
    void release() {
        released.countDown();
    }
}
