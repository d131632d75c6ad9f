package io.urlcheck.launcher.stack;

import java.util.Map;

/**
 * A second listener of the local broker, beside its PLAINTEXT one, through which the services connect: how a
 * stack runs with the security of a deployment (the system tests' SASL_SSL). The launcher's own admin client
 * keeps the PLAINTEXT listener. The listener gets a free loopback port ({@link PortPlan#listener()}).
 */
public interface BrokerListener {

    /** The listener's name in the broker's {@code listeners}, e.g. {@code SASL}. */
    String name();

    /** Its {@code security.protocol}, e.g. {@code SASL_SSL}. */
    String securityProtocol();

    /**
     * The broker properties it needs beyond its place in {@code listeners} ({@code sasl.enabled.mechanisms},
     * {@code listener.name.<name>.*}); they may hold passwords, so the broker's config file is private.
     */
    Map<String, String> brokerProperties();

    /**
     * The Kafka client properties a service connects through it with, without the {@code kafka.} prefix
     * (e.g. {@code sasl.mechanism}), besides {@code bootstrap.servers}, which the stack sets.
     */
    Map<String, String> clientProperties();
}
