/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TCP over loopback or a Unix domain socket, through NIO {@link SocketChannel}s, framed by {@link StreamFraming}.
 * The blocking variants wait in {@code read(2)}; the {@code -spin} variants put the channel in non-blocking mode
 * and busy-poll it, trading a core for the wake-up. The initiator listens, the responder connects. {@code tcp-netns}
 * is {@code tcp} between two network namespaces joined by a veth pair ({@link NetworkTransport}) instead of over
 * loopback.
 */
final class SocketTransport extends NetworkTransport
{
    private static final String PORT_FILE = "tcp.port";
    private static final String SOCKET_FILE = "uds.sock";

    private final boolean unix;
    private final boolean spin;

    /**
     * @param unix {@code true} for a Unix domain socket, {@code false} for TCP over loopback.
     * @param spin {@code true} to busy-poll a non-blocking channel, {@code false} to block in the kernel.
     */
    SocketTransport(final boolean unix, final boolean spin)
    {
        super((unix ? "uds" : "tcp") + (spin ? "-spin" : ""), Transports.Group.KERNEL,
            (unix ? "Unix domain socket" : "TCP over loopback, TCP_NODELAY") +
                (spin ? ", non-blocking, busy-polled" : ", blocking"), false);
        this.unix = unix;
        this.spin = spin;
    }

    private SocketTransport()
    {
        super("tcp-netns", Transports.Group.KERNEL,
            "TCP between two network namespaces joined by a veth pair, TCP_NODELAY, blocking", true);
        this.unix = false;
        this.spin = false;
    }

    /**
     * {@code tcp-netns}: blocking TCP as {@code tcp}, between two network namespaces instead of over loopback.
     *
     * @return the transport.
     */
    static SocketTransport tcpAcrossNamespaces()
    {
        return new SocketTransport();
    }

    @Override
    public boolean comparedWithTcp()
    {
        return !unix && !spin;
    }

    @Override
    public Map<String, String> settings(final LinkSpec spec)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("socket", unix ? "SocketChannel.open(StandardProtocolFamily.UNIX), SOCK_STREAM" :
            acrossNamespaces() ? "SocketChannel from the responder's namespace to the initiator's address on the " +
                "veth pair" : "SocketChannel over 127.0.0.1 (loopback)");
        if (acrossNamespaces())
        {
            describeNetwork(spec, settings);
        }
        if (!unix)
        {
            settings.put("tcp_nodelay", "true");
        }
        settings.put("mode", spin ? "non-blocking, read(2) and write(2) busy-polled (Thread.onSpinWait)" :
            "blocking read(2) and write(2)");
        StreamFraming.describe(settings);
        settings.put("buffers", "kernel defaults (see so_sndbuf / so_rcvbuf)");
        return settings;
    }

    @Override
    public Link open(final Side side, final LinkSpec spec) throws IOException
    {
        final long deadline = Rendezvous.connectDeadline(spec);
        final SocketChannel channel = Side.INITIATOR == side ? accept(spec, deadline) : connect(spec, deadline);
        try
        {
            if (!unix)
            {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            channel.configureBlocking(!spin);
            final Map<String, String> observed = new LinkedHashMap<>();
            observed.put("so_sndbuf", Integer.toString(channel.getOption(StandardSocketOptions.SO_SNDBUF)));
            observed.put("so_rcvbuf", Integer.toString(channel.getOption(StandardSocketOptions.SO_RCVBUF)));
            if (!unix)
            {
                observed.put("tcp_nodelay", channel.getOption(StandardSocketOptions.TCP_NODELAY).toString());
            }
            return new SimpleLink(
                new StreamFraming.Sender(name(), channel, spec.size()),
                new StreamFraming.Receiver(name(), channel, null, spec.size()),
                observed, channel);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private SocketChannel accept(final LinkSpec spec, final long deadline) throws IOException
    {
        try (ServerSocketChannel server = unix ?
            ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open())
        {
            if (unix)
            {
                server.bind(UnixDomainSocketAddress.of(spec.directory().resolve(SOCKET_FILE)));
            }
            else
            {
                server.bind(new InetSocketAddress(listenAddress(spec, deadline), 0));
                final int port = ((InetSocketAddress)server.getLocalAddress()).getPort();
                Rendezvous.publish(spec.directory().resolve(PORT_FILE), Integer.toString(port));
            }
            // Non-blocking accept polled against the deadline: a blocking accept could wait forever.
            server.configureBlocking(false);
            while (true)
            {
                final SocketChannel channel = server.accept();
                if (null != channel)
                {
                    channel.configureBlocking(true);
                    return channel;
                }
                Rendezvous.pause(deadline, name() + " connection from the responder");
            }
        }
        finally
        {
            if (unix)
            {
                Files.deleteIfExists(spec.directory().resolve(SOCKET_FILE));
            }
        }
    }

    private InetAddress listenAddress(final LinkSpec spec, final long deadline) throws IOException
    {
        return acrossNamespaces() ? InetAddress.getByName(address(spec, Side.INITIATOR, deadline)) :
            InetAddress.getLoopbackAddress();
    }

    private SocketChannel connect(final LinkSpec spec, final long deadline) throws IOException
    {
        final SocketAddress address;
        if (unix)
        {
            final Path socket = spec.directory().resolve(SOCKET_FILE);
            Rendezvous.awaitExists(socket, deadline, "Unix socket of the initiator");
            address = UnixDomainSocketAddress.of(socket);
        }
        else
        {
            final String port = Rendezvous.await(spec.directory().resolve(PORT_FILE), deadline, "TCP port file");
            address = new InetSocketAddress(listenAddress(spec, deadline), Integer.parseInt(port));
        }
        while (true)
        {
            try
            {
                return SocketChannel.open(address);
            }
            catch (final ConnectException | NoSuchFileException ex)
            {
                // Bound but not yet listening, or the socket file is being replaced: try again.
                Rendezvous.pause(deadline, name() + " listener at " + address);
            }
        }
    }
}
