package io.urlcheck.systemtests.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test sends the request target byte for byte as written ({@code ;x},
 * {@code %2e}, {@code //}, a backslash, an absolute URI): a client library would normalize or refuse them.
 */
final class RawHttp {

    /** A response: its status and body. */
    record Response(int status, String body) {
    }

    private RawHttp() {
    }

    /** {@code method target} to {@code address:port} with {@code Host: 127.0.0.1:port} unless {@code headers} names one. */
    static Response send(InetAddress address, int port, String method, String target, Map<String, String> headers, String body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (headers.keySet().stream().noneMatch("Host"::equalsIgnoreCase)) {
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    /** The same to {@code 127.0.0.1}. */
    static Response send(int port, String method, String target, Map<String, String> headers, String body) {
        return send(InetAddress.getLoopbackAddress(), port, method, target, headers, body);
    }

    /** Writes {@code data} as one chunk of a {@code Transfer-Encoding: chunked} body; nothing for no data. */
    static void chunk(OutputStream out, byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads one response: its head, then as many body bytes as {@code Content-Length} says, else until the
     * server closes. It returns as soon as the response is complete, even if the server keeps reading a
     * request the client is still sending.
     */
    static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int headEnd = -1;
        long expected = -1;
        byte[] chunk = new byte[8192];
        while (all.size() < 1 << 20) {
            if (headEnd >= 0 && expected >= 0 && all.size() - headEnd >= expected) {
                break;
            }
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            all.write(chunk, 0, n);
            if (headEnd < 0) {
                String text = all.toString(StandardCharsets.ISO_8859_1);
                int split = text.indexOf("\r\n\r\n");
                if (split >= 0) {
                    headEnd = split + 4;
                    expected = contentLength(text.substring(0, split));
                }
            }
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + text.substring(0, Math.min(100, text.length())));
        }
        int status = Integer.parseInt(text.substring(9, 12));
        return new Response(status, headEnd < 0 ? "" : text.substring(headEnd));
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return -1;
    }
}
