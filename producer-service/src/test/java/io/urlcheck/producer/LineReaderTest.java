package io.urlcheck.producer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest {

    private static List<Line> read(InputStream in, int max) throws IOException {
        LineReader reader = new LineReader(in, max);
        List<Line> lines = new ArrayList<>();
        for (Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }

    private static List<Line> read(String text) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1024);
    }

    @Test
    void lfCrlfAndLoneCrEachEndOneLine() throws IOException {
        assertThat(read("a\nb\r\nc\rd\r\n\ne")).extracting(Line::text).containsExactly("a", "b", "c", "d", "", "e");
    }

    @Test
    void aLastLineWithoutNewlineCountsAndATrailingNewlineAddsNoLine() throws IOException {
        assertThat(read("a\nb")).extracting(Line::text).containsExactly("a", "b");
        assertThat(read("a\nb\n")).extracting(Line::text).containsExactly("a", "b");
        assertThat(read("")).isEmpty();
    }

    @Test
    void dropsALeadingByteOrderMark() throws IOException {
        assertThat(read("\uFEFFhttp://a.example/\nx")).extracting(Line::text).containsExactly("http://a.example/", "x");
    }

    @Test
    void dropsAByteOrderMarkThatArrivesInPieces() throws IOException {
        byte[] bytes = "\uFEFFhttp://a.example/".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(read(trickle, 1024)).extracting(Line::text).containsExactly("http://a.example/");
    }

    @Test
    void aCrlfSplitBetweenTwoReadsIsOneLineEnd() throws IOException {
        byte[] bytes = "a\r\nb\r\n\r\nc".getBytes(StandardCharsets.US_ASCII);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(read(trickle, 1024)).extracting(Line::text).containsExactly("a", "b", "", "c");
    }

    @Test
    void keepsNulBytesInTheLineForTheNormalizerToRefuse() throws IOException {
        assertThat(read("http://a\u0000.example/\n")).singleElement()
                .satisfies(l -> assertThat(l.text()).contains("\u0000"));
    }

    @Test
    void reportsInvalidUtf8PerLine() throws IOException {
        byte[] bytes = {'o', 'k', '\n', 'b', 'a', (byte) 0xC3, (byte) 0x28, '\n', 'z', (byte) 0xC3, (byte) 0xA9};
        List<Line> lines = read(new ByteArrayInputStream(bytes), 1024);
        assertThat(lines).extracting(Line::problem).containsExactly(null, Line.Problem.INVALID_UTF8, null);
        assertThat(lines.get(2).text()).isEqualTo("zé");
    }

    @Test
    void anAbsurdlyLongLineIsCutNotHeldAndTheNextLineSurvives() throws IOException {
        long lineBytes = 50L * 1024 * 1024;
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                return served < lineBytes ? (served++ == 0 ? 'h' : 'x') : served++ == lineBytes ? '\n' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served > lineBytes) {
                    return -1;
                }
                int n = 0;
                while (n < len && served <= lineBytes) {
                    b[off + n++] = (byte) read();
                }
                return n;
            }
        };
        InputStream then = new java.io.SequenceInputStream(endless,
                new ByteArrayInputStream("http://after.example/\n".getBytes(StandardCharsets.US_ASCII)));
        List<Line> lines = read(then, 64 * 1024);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).problem()).isEqualTo(Line.Problem.TOO_LONG);
        assertThat(lines.get(0).text()).hasSize(LineReader.TOO_LONG_PREFIX_BYTES).startsWith("hxxx");
        assertThat(lines.get(1).text()).isEqualTo("http://after.example/");
        assertThat(lines).extracting(Line::number).containsExactly(1L, 2L);
    }
}
