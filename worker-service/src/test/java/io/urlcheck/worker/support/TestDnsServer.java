package io.urlcheck.worker.support;

import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.urlcheck.worker.address.IpLiteral;
import io.urlcheck.worker.http.DnsResolver;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A name server on a loopback UDP port that answers A queries for the names it was given (every
 * address, in order) and AAAA queries for them with no record, and <b>never answers</b> anything else:
 * the query is received, counted and dropped, as a name server that hangs would.
 */
public final class TestDnsServer implements AutoCloseable {

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    private final Set<String> silentNamesAsked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger silentQueries = new AtomicInteger();
    private final DatagramSocket socket;
    private final int port;

    private TestDnsServer(Vertx vertx) {
        this.socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(1 << 20));
        try {
            socket.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind the test name server", e);
        }
        this.port = socket.localAddress().port();
        socket.handler(packet -> {
            Buffer reply = reply(packet.data());
            if (reply != null) {
                socket.send(reply, packet.sender().port(), packet.sender().host());
            }
        });
    }

    /** A started server on 127.0.0.1 and a free port. */
    public static TestDnsServer start(Vertx vertx) {
        return new TestDnsServer(vertx);
    }

    /** Answers {@code name} with {@code addresses} (IPv4 literals), in this order. */
    public TestDnsServer answer(String name, String... addresses) {
        names.put(name.toLowerCase(Locale.ROOT), List.of(addresses).stream()
                .map(a -> IpLiteral.parse(a).orElseThrow()).toList());
        return this;
    }

    /**
     * The production resolver, asking only this server: no hosts file, no search domains, and a query
     * timeout longer than any test's deadline, so what ends a lookup in a test is the check's deadline.
     */
    public DnsResolver resolver(Vertx vertx) {
        return new DnsResolver(vertx, this::configure);
    }

    private DnsNameResolverBuilder configure(DnsNameResolverBuilder builder) {
        return builder.nameServerProvider(new SingletonDnsServerAddressStreamProvider(new InetSocketAddress("127.0.0.1", port)))
                .hostsFileEntriesResolver((name, types) -> null)
                .searchDomains(List.of())
                .ndots(1)
                .queryTimeoutMillis(60_000);
    }

    /** Queries received for names it never answers. */
    public int silentQueries() {
        return silentQueries.get();
    }

    /** Distinct names it was asked and never answered. */
    public int silentNames() {
        return silentNamesAsked.size();
    }

    private Buffer reply(Buffer query) {
        if (query.length() < 12) {
            return null;
        }
        int at = 12;
        StringBuilder name = new StringBuilder();
        while (at < query.length() && query.getUnsignedByte(at) != 0) {
            int length = query.getUnsignedByte(at);
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(query.getString(at + 1, at + 1 + length, "US-ASCII"));
            at += 1 + length;
        }
        int questionEnd = at + 5; // the root label, QTYPE, QCLASS
        if (questionEnd > query.length()) {
            return null;
        }
        int type = query.getUnsignedShort(at + 1);
        String key = name.toString().toLowerCase(Locale.ROOT);
        List<InetAddress> addresses = names.get(key);
        if (addresses == null) {
            silentQueries.incrementAndGet();
            silentNamesAsked.add(key);
            return null; // never answer
        }
        List<InetAddress> answers = type == 1 ? addresses : List.of();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query.getByte(0));
        out.write(query.getByte(1));
        out.write(0x81); // QR, RD
        out.write(0x80); // RA, NOERROR
        writeShort(out, 1);
        writeShort(out, answers.size());
        writeShort(out, 0);
        writeShort(out, 0);
        out.write(query.getBytes(12, questionEnd), 0, questionEnd - 12);
        for (InetAddress address : answers) {
            writeShort(out, 0xC00C); // the name, by pointer to the question
            writeShort(out, 1);      // A
            writeShort(out, 1);      // IN
            writeShort(out, 0);
            writeShort(out, 60);     // TTL
            writeShort(out, 4);
            out.write(address.getAddress(), 0, 4);
        }
        return Buffer.buffer(out.toByteArray());
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xff);
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        socket.close();
    }
}
