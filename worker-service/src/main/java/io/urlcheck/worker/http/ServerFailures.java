package io.urlcheck.worker.http;

import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.resolver.dns.DnsQueryLifecycleObserver;
import io.netty.resolver.dns.DnsQueryLifecycleObserverFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The response codes with which name servers failed queries (SERVFAIL, REFUSED...) of the lookups under way, by name,
 * as Netty's query observer reports them. A lookup asks for A and AAAA records at once, and Netty fails it with the
 * cause of whichever query finished last: when the A query got SERVFAIL and the AAAA query an empty answer, the
 * lookup said no more than "unknown host", and an outage of the name server was taken for a name that does not
 * exist. {@link DnsResolver} takes a name's entry when its lookup ends. Two lookups of one name at once share it; the
 * first to end takes it.
 */
final class ServerFailures implements DnsQueryLifecycleObserverFactory {

    private final Map<String, DnsResponseCode> byName = new ConcurrentHashMap<>();

    @Override
    public DnsQueryLifecycleObserver newDnsQueryLifecycleObserver(DnsQuestion question) {
        return new Observer(key(question.name()));
    }

    /** The code a name server failed a query for {@code host} with since the last call, or null; forgotten now. */
    DnsResponseCode take(String host) {
        return byName.remove(key(host));
    }

    private static String key(String name) {
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return bare.toLowerCase(Locale.ROOT);
    }

    /** One query's observer: keeps a failing response code; NXDOMAIN is an answer, not a failure. */
    private final class Observer implements DnsQueryLifecycleObserver {
        private final String name;

        Observer(String name) {
            this.name = name;
        }

        @Override
        public DnsQueryLifecycleObserver queryNoAnswer(DnsResponseCode code) {
            if (!code.equals(DnsResponseCode.NOERROR) && !code.equals(DnsResponseCode.NXDOMAIN)) {
                byName.put(name, code);
            }
            return this;
        }

        @Override
        public void queryWritten(InetSocketAddress nameServer, ChannelFuture future) {
        }

        @Override
        public void queryCancelled(int queriesRemaining) {
        }

        @Override
        public DnsQueryLifecycleObserver queryRedirected(List<InetSocketAddress> nameServers) {
            return this;
        }

        @Override
        public DnsQueryLifecycleObserver queryCNAMEd(DnsQuestion cnameQuestion) {
            return this;
        }

        @Override
        public void queryFailed(Throwable cause) {
        }

        @Override
        public void querySucceed() {
        }
    }
}
