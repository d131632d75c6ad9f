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
 * address, in order) and AAAA queries for them with no record, answers the names it was told to fail
 * with that response code (NXDOMAIN, SERVFAIL...), a number of times or for good, and <b>never answers</b>
 * anything else: the query is received, counted and dropped, as a name server that hangs would.
 */
public final class TestDnsServer implements AutoCloseable {

    /** The response code NXDOMAIN: the name does not exist. */
    public static final int NXDOMAIN = 3;
    /** The response code SERVFAIL: the name server could not answer (its upstream is down, DNSSEC failed...). */
    public static final int SERVFAIL = 2;
    /** The query type of an IPv4 address record. */
    public static final int A = 1;
    /** The query type of an IPv6 address record. */
    public static final int AAAA = 28;
    private static final int ANY_TYPE = 0;

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    /** A failing name's response code and how many more queries get it (then its answer, if it has one). */
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private final AtomicInteger failedQueries = new AtomicInteger();
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

    /** Answers every query for {@code name} with {@code rcode} and no record, for good. */
    public TestDnsServer fail(String name, int rcode) {
        return fail(name, rcode, Integer.MAX_VALUE);
    }

    /**
     * Answers {@code name}'s next {@code times} queries with {@code rcode} and no record (a lookup asks twice: A and
     * AAAA); after that, as {@link #answer} said, or never.
     */
    public TestDnsServer fail(String name, int rcode, int times) {
        failing.put(name.toLowerCase(Locale.ROOT), new Failing(rcode, new AtomicInteger(times), ANY_TYPE));
        return this;
    }

    /**
     * Answers every {@code type} query for {@code name} ({@link #A} or {@link #AAAA}) with {@code rcode}, and the other
     * type as {@link #answer} said: a name server whose upstream fails for one record type only.
     */
    public TestDnsServer failType(String name, int type, int rcode) {
        failing.put(name.toLowerCase(Locale.ROOT), new Failing(rcode, new AtomicInteger(Integer.MAX_VALUE), type));
        return this;
    }

    /** Queries answered with a failing response code. */
    public int failedQueries() {
        return failedQueries.get();
    }

    private record Failing(int rcode, AtomicInteger left, int type) {
        boolean covers(int queryType) {
            return type == ANY_TYPE || type == queryType;
        }
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
        Failing failure = failing.get(key);
        if (failure != null && failure.covers(type) && failure.left().get() > 0) {
            failure.left().decrementAndGet();
            failedQueries.incrementAndGet();
            return Buffer.buffer(header(query, questionEnd, failure.rcode(), 0).toByteArray());
        }
        List<InetAddress> addresses = names.get(key);
        if (addresses == null) {
            silentQueries.incrementAndGet();
            silentNamesAsked.add(key);
            return null; // never answer
        }
        List<InetAddress> answers = type == 1 ? addresses : List.of();
        ByteArrayOutputStream out = header(query, questionEnd, 0, answers.size());
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

    /** A response's header and question, with response code {@code rcode} and {@code answers} records to follow. */
    private static ByteArrayOutputStream header(Buffer query, int questionEnd, int rcode, int answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query.getByte(0));
        out.write(query.getByte(1));
        out.write(0x81);         // QR, RD
        out.write(0x80 | rcode); // RA, the response code
        writeShort(out, 1);
        writeShort(out, answers);
        writeShort(out, 0);
        writeShort(out, 0);
        out.write(query.getBytes(12, questionEnd), 0, questionEnd - 12);
        return out;
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
