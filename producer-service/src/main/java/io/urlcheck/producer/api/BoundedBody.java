package io.urlcheck.producer.api;

import io.urlcheck.producer.SubmissionException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that fails with {@link SubmissionException.Kind#TOO_LARGE} once it passes the size limit. */
final class BoundedBody extends FilterInputStream {

    private final long limit;
    private long count;

    BoundedBody(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) {
        count += n;
        if (count > limit) {
            throw tooLarge(limit);
        }
    }

    static SubmissionException tooLarge(long limit) {
        return new SubmissionException(SubmissionException.Kind.TOO_LARGE,
                "body is over the " + limit + "-byte limit (urlcheck.producer.max-body-bytes)");
    }
}
