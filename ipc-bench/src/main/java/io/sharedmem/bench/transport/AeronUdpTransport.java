/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.aeron.CommonContext;
import io.aeron.driver.Configuration;
import io.sharedmem.aeron.AeronConsumer;
import io.sharedmem.aeron.AeronOptions;
import io.sharedmem.aeron.AeronProducer;
import io.sharedmem.channel.ChannelException;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aeron UDP through this project's {@code aeron:} channel ({@link AeronOptions}, {@link AeronProducer},
 * {@link AeronConsumer}), exactly as an application uses it between hosts: each peer JVM has its own embedded media
 * driver, binds a consumer on its own endpoint and sends with a producer to the other's, one stream per direction.
 * Over loopback ({@code aeron-udp}), or between two network namespaces joined by a veth pair
 * ({@code aeron-udp-netns}, {@link NetworkTransport}).
 * <ul>
 *     <li>The driver is the channel's default: conductor, sender and receiver on one thread
 *     ({@code threading=shared}) with Aeron's backoff idle strategy (spin, yield, then park from 1 µs up to 1 ms).
 *     With two vCPUs and two busy peers, a spinning driver would be a third and fourth busy thread; the price is the
 *     driver's wake-up in a round trip.</li>
 *     <li>Publisher and subscriber run the harness's busy loop, but call {@link Thread#yield()} whenever a poll finds
 *     nothing or an offer finds no room: the data moves on the drivers' threads, and on two vCPUs two purely spinning
 *     peers kept those waiting for a time slice (round trips of milliseconds). Sends copy ({@code offer}).</li>
 *     <li>Term length ({@value #TERM_LENGTH} bytes) and MTU ({@value #MTU}) are the channel's defaults (Aeron's);
 *     the receiver window and both socket buffers are set to {@value #SOCKET_BUFFER} bytes, Aeron's defaults for the
 *     receiver, so that the kernel's default send buffer of the host does not change the figures.</li>
 *     <li>The environment variable {@value #PARAMS_ENV_NAME} adds or overrides channel parameters on both sides,
 *     such as {@code driver-idle=spin|threading=dedicated} on a machine with cores to spare; the settings show the
 *     result.</li>
 *     <li>Ports: each side binds a port that was free a moment before (tried again if taken meanwhile) and
 *     publishes it in the link's directory; the drivers' directories live under the rotation's Aeron directory,
 *     removed afterwards.</li>
 * </ul>
 * Stateless and thread-safe, as every transport.
 */
final class AeronUdpTransport extends NetworkTransport
{
    private static final int TERM_LENGTH = 16 * 1024 * 1024;
    private static final int MTU = 1408;
    private static final int SOCKET_BUFFER = 128 * 1024;
    private static final int BIND_ATTEMPTS = 5;

    /**
     * Environment variable with channel parameters ({@code KEY=VALUE|KEY=VALUE}) that add to or replace this
     * transport's; read by the orchestrator (for the settings) and by the peers, which inherit it.
     */
    static final String PARAMS_ENV_NAME = "SHAREDMEM_BENCH_AERON_UDP";

    /**
     * @param netns {@code true} to run between two network namespaces, {@code false} for loopback.
     */
    AeronUdpTransport(final boolean netns)
    {
        super(netns ? "aeron-udp-netns" : "aeron-udp", Transports.Group.PEERS,
            "Aeron UDP through the aeron: channel, " + (netns ? "between two network namespaces joined by a " +
                "veth pair" : "over loopback") + ", embedded drivers", netns);
    }

    @Override
    public Map<String, String> settings(final LinkSpec spec)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("api", "this project's aeron: channel: AeronOptions.udp(endpoint)...producer() and consumer(); " +
            "each JVM binds a consumer on its endpoint and sends to the other's: one stream per direction");
        describeNetwork(spec, settings);
        final String refused = refusal(spec);
        if (null != refused)
        {
            settings.put("aeron", refused);
            return settings;
        }
        options("127.0.0.1", 0, spec).describe().forEach((key, value) ->
            settings.put("aeron." + key, value.replace("127.0.0.1:0", "HOST:PORT")));
        final String extra = System.getenv(PARAMS_ENV_NAME);
        settings.put("extra_parameters", null == extra || extra.isBlank() ? "none (" + PARAMS_ENV_NAME + " unset)" :
            extra + " (from " + PARAMS_ENV_NAME + ")");
        final String idle = settings.get("aeron.driver_idle");
        settings.put("driver_idle_strategy", null == idle ? "the external driver's" :
            Configuration.agentIdleStrategy(idle, null) + ", one per JVM" +
            (AeronOptions.DRIVER_IDLE_DEFAULT.equals(idle) ? ": not a busy spin (two vCPUs already run two busy " +
            "peers)" : ""));
        settings.put("socket_buffers", "so-sndbuf, so-rcvbuf and rcv-wnd as in aeron_channel (Aeron's defaults " +
            "for the receiver, " + SOCKET_BUFFER + ", and the sender's made equal); the kernel caps them at " +
            "net.core.wmem_max=" + sysctl("wmem_max") + ", net.core.rmem_max=" + sysctl("rmem_max"));
        settings.put("send", "AeronProducer.offer(msgTypeId, buffer, offset, length): ExclusivePublication.offer, " +
            "copy");
        settings.put("receive", "AeronConsumer.poll(handler, limit): Subscription via ControlledFragmentAssembler");
        settings.put("publisher_subscriber_idle", "busy loop with Thread.yield() whenever a poll delivers nothing or " +
            "an offer finds no room, so that the drivers' threads get a CPU");
        return settings;
    }

    @Override
    public boolean comparedWithTcp()
    {
        return true;
    }

    @Override
    public String refusal(final LinkSpec spec)
    {
        final int max;
        try
        {
            max = Integer.parseInt(options("127.0.0.1", 0, spec).describe().get("max_message"));
        }
        catch (final IllegalArgumentException ex)
        {
            return name() + ": " + ex.getMessage();
        }
        return spec.size() > max ? name() + ": a " + spec.size() + "-byte message exceeds the largest message of " +
            "the channel, " + max + " bytes (an eighth of the term length)" : null;
    }

    @Override
    public void prepare(final LinkSpec spec) throws IOException, InterruptedException
    {
        Files.createDirectories(spec.aeronDirectory());
        super.prepare(spec);
    }

    @Override
    public Link open(final Side side, final LinkSpec spec) throws IOException
    {
        final long deadline = Rendezvous.connectDeadline(spec);
        final Side other = Side.INITIATOR == side ? Side.RESPONDER : Side.INITIATOR;
        final String host = address(spec, side, deadline);
        final String otherHost = address(spec, other, deadline);
        AeronConsumer consumer = null;
        AeronProducer producer = null;
        try
        {
            int port = 0;
            for (int attempt = 1; null == consumer; attempt++)
            {
                port = freePort(host);
                try
                {
                    consumer = options(host, port, spec).consumer();
                }
                catch (final ChannelException ex)
                {
                    // Taken by another process since it was free: try another.
                    if (attempt == BIND_ATTEMPTS)
                    {
                        throw ex;
                    }
                }
            }
            Rendezvous.publish(portFile(spec, side), Integer.toString(port));
            final int otherPort = Integer.parseInt(Rendezvous.await(portFile(spec, other), deadline,
                other.label() + "'s UDP port"));
            producer = options(otherHost, otherPort, spec).producer();
            while (!producer.isConnected() || !consumer.isConnected())
            {
                Rendezvous.pause(deadline, "Aeron UDP stream from and to the other side");
            }
            final Map<String, String> observed = new LinkedHashMap<>();
            observed.put("endpoint", host + ":" + port);
            final Map<String, String> published = producer.settings();
            for (final String key : List.of("term_length", "mtu", "session", "driver_dir"))
            {
                observed.put(key, published.get(key));
            }
            final AeronProducer sending = producer;
            final AeronConsumer receiving = consumer;
            return new SimpleLink((source, offset, length) ->
            {
                final boolean sent = sending.offer(RingTransport.MSG_TYPE_ID, source, offset, length);
                if (!sent)
                {
                    Thread.yield();
                }
                return sent;
            }, (handler, limit) ->
            {
                final int received = receiving.poll(handler, limit);
                if (0 == received)
                {
                    Thread.yield();
                }
                return received;
            }, observed, producer, consumer);
        }
        catch (final RuntimeException | IOException ex)
        {
            CloseHelper.quietCloseAll(producer, consumer);
            throw ex;
        }
    }

    /**
     * The channel to or at an endpoint: this transport's parameters, then those of {@value #PARAMS_ENV_NAME}.
     *
     * @throws IllegalArgumentException if a parameter there is malformed or unknown, naming it.
     */
    private static AeronOptions options(final String host, final int port, final LinkSpec spec)
    {
        final Map<String, String> params = new LinkedHashMap<>();
        params.put(CommonContext.TERM_LENGTH_PARAM_NAME, Integer.toString(TERM_LENGTH));
        params.put(CommonContext.MTU_LENGTH_PARAM_NAME, Integer.toString(MTU));
        params.put(CommonContext.SOCKET_SNDBUF_PARAM_NAME, Integer.toString(SOCKET_BUFFER));
        params.put(CommonContext.SOCKET_RCVBUF_PARAM_NAME, Integer.toString(SOCKET_BUFFER));
        params.put(CommonContext.RECEIVER_WINDOW_LENGTH_PARAM_NAME, Integer.toString(SOCKET_BUFFER));
        params.put("dir", spec.aeronDirectory().toString());
        final String extra = System.getenv(PARAMS_ENV_NAME);
        for (final String pair : null == extra || extra.isBlank() ? new String[0] : extra.trim().split("[|&]"))
        {
            final int eq = pair.indexOf('=');
            if (eq < 1)
            {
                throw new IllegalArgumentException(PARAMS_ENV_NAME + "=" + extra + ": \"" + pair + "\" is not " +
                    "KEY=VALUE; give channel parameters such as driver-idle=spin|threading=dedicated");
            }
            params.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        final StringBuilder channel = new StringBuilder("aeron:udp?endpoint=").append(host).append(':').append(port);
        params.forEach((key, value) -> channel.append('|').append(key).append('=').append(value));
        return AeronOptions.parse(channel.toString());
    }

    private static Path portFile(final LinkSpec spec, final Side side)
    {
        return spec.directory().resolve(side.label() + ".udp-port");
    }

    private static int freePort(final String host) throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0)))
        {
            return socket.getLocalPort();
        }
    }

    private static String sysctl(final String name)
    {
        try
        {
            // One read from the start: a sysctl file answers a read at a later position with end of file.
            return Files.readAllLines(Path.of("/proc/sys/net/core", name)).get(0).trim();
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }
}
