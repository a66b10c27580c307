/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.aeron.CommonContext;
import io.aeron.driver.Configuration;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.LogBufferDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import io.sharedmem.block.BlockDirectory;
import io.sharedmem.channel.ChannelString;
import org.agrona.BitUtil;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an {@code aeron:} channel, from a channel string or built in code, ending in {@link #producer()} or
 * {@link #consumer()}:
 * <pre>{@code
 * MessageProducer producer = AeronOptions.udp("10.0.0.2:40123")   // same as "aeron:udp?endpoint=10.0.0.2:40123"
 *     .termLength(4 << 20)                                       // |term-length=4m
 *     .mtu(8192)                                                 // |mtu=8k
 *     .driverIdleStrategy("sleep-ms")                            // |driver-idle=sleep-ms
 *     .producer();
 * }</pre>
 * The channel string is Aeron's channel URI with this project's parameters added; they are removed before the URI
 * goes to Aeron:
 * <table>
 *     <caption>Parameters</caption>
 *     <tr><th>parameter</th><th>default</th><th>what it sets</th></tr>
 *     <tr><td>{@code endpoint=HOST:PORT}</td><td>required for udp</td><td>Aeron's: the consumer's address; the
 *     producer sends to it, the consumer binds it (same string on both hosts)</td></tr>
 *     <tr><td>{@code stream=N}</td><td>{@value #STREAM_DEFAULT}</td><td>Aeron's stream id; both sides must
 *     agree</td></tr>
 *     <tr><td>{@code term-length=SIZE}</td><td>16m</td><td>Aeron's, producer side: the log's term length, a power of
 *     two from 64k to 1g; the largest message is an eighth of it</td></tr>
 *     <tr><td>{@code mtu=SIZE}</td><td>1408</td><td>Aeron's, producer side: frame length; messages up to
 *     {@code mtu - 32} bytes are one frame (and claimed in place)</td></tr>
 *     <tr><td>{@code aeron.dir=DIR}</td><td>none: an embedded driver</td><td>use the external media driver running
 *     in that directory (also taken from the system property {@code aeron.dir})</td></tr>
 *     <tr><td>{@code dir=DIR}</td><td>the block directory</td><td>where the embedded driver's own directory is
 *     made ({@code .sharedmem-aeron-PID-...}, deleted on close)</td></tr>
 *     <tr><td>{@code driver-idle=NAME}</td><td>{@code backoff}</td><td>the embedded driver's idle strategy, by
 *     Aeron's names: {@code backoff}, {@code sleep-ns}, {@code sleep-ms}, {@code yield}, {@code spin},
 *     {@code noop}, or a class name</td></tr>
 *     <tr><td>{@code threading=MODE}</td><td>{@code shared}</td><td>the embedded driver's threads:
 *     {@code shared} (one), {@code shared-network} (two), {@code dedicated} (three)</td></tr>
 *     <tr><td>{@code liveness-timeout=DURATION}</td><td>5s</td><td>the embedded driver's image liveness and
 *     publication connection time-outs: how long after its last packet a silent producer is gone, and a silent
 *     consumer disconnected</td></tr>
 * </table>
 * Every other parameter of Aeron's channel URIs ({@code interface}, {@code ttl}, {@code control},
 * {@code control-mode}, {@code sparse}, {@code linger}, {@code so-rcvbuf}, {@code rcv-wnd}, ...) passes through to
 * Aeron unchanged; anything else is refused. Parameters are separated by {@code |} as in Aeron (or {@code &}).
 * <p>
 * A builder is a mutable value: not thread-safe, reusable.
 */
public final class AeronOptions
{
    /**
     * Default stream id.
     */
    public static final int STREAM_DEFAULT = 1001;

    /**
     * Default idle strategy of the embedded driver: Aeron's backoff (spin, yield, then park up to 1 ms), so that an
     * idle driver does not take a core.
     */
    public static final String DRIVER_IDLE_DEFAULT = "backoff";

    /**
     * Default liveness time-out of the embedded driver.
     */
    public static final Duration LIVENESS_TIMEOUT_DEFAULT = Duration.ofSeconds(5);

    /**
     * Prefix of the embedded drivers' directories in their parent directory.
     */
    public static final String EMBEDDED_DIR_PREFIX = ".sharedmem-aeron-";

    static final String STREAM = "stream";
    static final String AERON_DIR = CommonContext.AERON_DIR_PROP_NAME;
    static final String DIR = "dir";
    static final String DRIVER_IDLE = "driver-idle";
    static final String THREADING = "threading";
    static final String LIVENESS_TIMEOUT = "liveness-timeout";

    private static final List<String> OWN = List.of(STREAM, AERON_DIR, DIR, DRIVER_IDLE, THREADING, LIVENESS_TIMEOUT);

    /**
     * The parameters of Aeron's channel URIs, passed through.
     */
    private static final List<String> AERON_PARAMS = List.of(
        CommonContext.ENDPOINT_PARAM_NAME, CommonContext.INTERFACE_PARAM_NAME,
        CommonContext.INITIAL_TERM_ID_PARAM_NAME, CommonContext.TERM_ID_PARAM_NAME,
        CommonContext.TERM_OFFSET_PARAM_NAME, CommonContext.TERM_LENGTH_PARAM_NAME,
        CommonContext.MTU_LENGTH_PARAM_NAME, CommonContext.TTL_PARAM_NAME, CommonContext.MDC_CONTROL_PARAM_NAME,
        CommonContext.MDC_CONTROL_MODE_PARAM_NAME, CommonContext.SESSION_ID_PARAM_NAME,
        CommonContext.LINGER_PARAM_NAME, CommonContext.RELIABLE_STREAM_PARAM_NAME, CommonContext.TAGS_PARAM_NAME,
        CommonContext.SPARSE_PARAM_NAME, CommonContext.ALIAS_PARAM_NAME, CommonContext.EOS_PARAM_NAME,
        CommonContext.TETHER_PARAM_NAME, CommonContext.GROUP_PARAM_NAME, CommonContext.REJOIN_PARAM_NAME,
        CommonContext.CONGESTION_CONTROL_PARAM_NAME, CommonContext.FLOW_CONTROL_PARAM_NAME,
        CommonContext.GROUP_TAG_PARAM_NAME, CommonContext.SPIES_SIMULATE_CONNECTION_PARAM_NAME,
        CommonContext.SOCKET_SNDBUF_PARAM_NAME, CommonContext.SOCKET_RCVBUF_PARAM_NAME,
        CommonContext.RECEIVER_WINDOW_LENGTH_PARAM_NAME, CommonContext.MEDIA_RCV_TIMESTAMP_OFFSET_PARAM_NAME,
        CommonContext.CHANNEL_RECEIVE_TIMESTAMP_OFFSET_PARAM_NAME,
        CommonContext.CHANNEL_SEND_TIMESTAMP_OFFSET_PARAM_NAME, CommonContext.NAK_DELAY_PARAM_NAME,
        CommonContext.UNTETHERED_WINDOW_LIMIT_TIMEOUT_PARAM_NAME,
        CommonContext.UNTETHERED_LINGER_TIMEOUT_PARAM_NAME, CommonContext.UNTETHERED_RESTING_TIMEOUT_PARAM_NAME,
        CommonContext.MAX_RESEND_PARAM_NAME, CommonContext.PUBLICATION_WINDOW_LENGTH_PARAM_NAME);

    private static final int MAX_MTU = 65504;

    private String channelText;
    private String media = CommonContext.UDP_MEDIA;
    private final Map<String, String> aeronParams = new LinkedHashMap<>();
    private int streamId = STREAM_DEFAULT;
    private String aeronDirectory = System.getProperty(CommonContext.AERON_DIR_PROP_NAME);
    private Path parentDirectory;
    private String driverIdleStrategy = DRIVER_IDLE_DEFAULT;
    private ThreadingMode threadingMode = ThreadingMode.SHARED;
    private Duration livenessTimeout = LIVENESS_TIMEOUT_DEFAULT;

    private AeronOptions()
    {
    }

    /**
     * Aeron UDP to or at an endpoint.
     *
     * @param endpoint {@code HOST:PORT}: where the consumer listens.
     * @return a new builder.
     * @throws IllegalArgumentException if the endpoint is not {@code HOST:PORT}.
     */
    public static AeronOptions udp(final String endpoint)
    {
        final AeronOptions options = new AeronOptions();
        options.param(CommonContext.ENDPOINT_PARAM_NAME, endpoint);
        return options;
    }

    /**
     * Aeron IPC ({@code aeron:ipc}): between processes of one host through one media driver, so it needs an external
     * driver ({@link #aeronDirectory(String)}) to cross processes; with embedded drivers it connects only channels of
     * the same JVM.
     *
     * @return a new builder.
     */
    public static AeronOptions ipc()
    {
        final AeronOptions options = new AeronOptions();
        options.media = CommonContext.IPC_MEDIA;
        return options;
    }

    /**
     * Settings from a channel string.
     *
     * @param channel such as {@code aeron:udp?endpoint=10.0.0.2:40123|term-length=4m}.
     * @return a new builder.
     * @throws IllegalArgumentException if the string is malformed or a parameter unknown or out of range, naming the
     *                                  string.
     */
    public static AeronOptions parse(final String channel)
    {
        return from(ChannelString.parse(channel));
    }

    /**
     * Settings from a parsed channel string of scheme {@code aeron}.
     *
     * @param channel the parsed string.
     * @return a new builder.
     * @throws IllegalArgumentException if a parameter is unknown or out of range, naming the string.
     */
    public static AeronOptions from(final ChannelString channel)
    {
        final List<String> known = new ArrayList<>(OWN);
        known.addAll(AERON_PARAMS);
        channel.requireKnown(known);
        final AeronOptions options = new AeronOptions();
        try
        {
            if (CommonContext.IPC_MEDIA.equals(channel.target()))
            {
                options.media = CommonContext.IPC_MEDIA;
            }
            else if (!CommonContext.UDP_MEDIA.equals(channel.target()))
            {
                throw new IllegalArgumentException("the media \"" + channel.target() + "\" is not udp or ipc; " +
                    "expected aeron:udp?endpoint=HOST:PORT or aeron:ipc");
            }
            for (final Map.Entry<String, String> param : channel.params().entrySet())
            {
                final String key = param.getKey();
                final String value = param.getValue();
                switch (key)
                {
                    case STREAM -> options.streamId(channel.integer(key, STREAM_DEFAULT, Integer.MIN_VALUE,
                        Integer.MAX_VALUE));
                    case AERON_DIR -> options.aeronDirectory(value);
                    case DIR -> options.driverParentDirectory(Paths.get(value));
                    case DRIVER_IDLE -> options.driverIdleStrategy(value);
                    case THREADING -> options.threadingMode(threading(value));
                    case LIVENESS_TIMEOUT -> options.livenessTimeout(channel.duration(key, LIVENESS_TIMEOUT_DEFAULT));
                    case CommonContext.TERM_LENGTH_PARAM_NAME ->
                        options.termLength((int)Math.min(Integer.MAX_VALUE, channel.size(key, 0)));
                    case CommonContext.MTU_LENGTH_PARAM_NAME ->
                        options.mtu((int)Math.min(Integer.MAX_VALUE, channel.size(key, 0)));
                    default -> options.param(key, value);
                }
            }
            options.checkComplete();
        }
        catch (final IllegalArgumentException ex)
        {
            final String message = ex.getMessage();
            throw message.startsWith("channel \"") ? ex : channel.error(message);
        }
        // The string as given, not one made from the settings: error messages quote what the user wrote.
        options.channelText = channel.text();
        return options;
    }

    private static ThreadingMode threading(final String value)
    {
        for (final ThreadingMode mode : new ThreadingMode[]{ ThreadingMode.SHARED, ThreadingMode.SHARED_NETWORK,
            ThreadingMode.DEDICATED })
        {
            if (mode.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(value))
            {
                return mode;
            }
        }
        throw new IllegalArgumentException("parameter threading=" + value + " is not shared, shared-network or " +
            "dedicated");
    }

    /**
     * Sets a parameter of Aeron's channel URI, passed to Aeron as it is.
     *
     * @param key   such as {@code interface} or {@code so-rcvbuf}.
     * @param value its value.
     * @return this builder.
     * @throws IllegalArgumentException if the key is not one of Aeron's URI parameters, or an endpoint is not
     *                                  {@code HOST:PORT}.
     */
    public AeronOptions param(final String key, final String value)
    {
        Objects.requireNonNull(value, key);
        if (!AERON_PARAMS.contains(key))
        {
            throw new IllegalArgumentException("\"" + key + "\" is not a parameter of Aeron's channel URIs");
        }
        if (CommonContext.ENDPOINT_PARAM_NAME.equals(key) || CommonContext.MDC_CONTROL_PARAM_NAME.equals(key))
        {
            checkHostPort(key, value);
        }
        aeronParams.put(key, value);
        channelText = null;
        return this;
    }

    private static void checkHostPort(final String key, final String value)
    {
        final int colon = value.lastIndexOf(':');
        final String host = colon < 0 ? "" : value.substring(0, colon);
        final String port = colon < 0 ? "" : value.substring(colon + 1);
        boolean valid = !host.isEmpty() && !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(
            Character::isDigit) && Integer.parseInt(port) <= 65535;
        if (valid && host.indexOf(':') >= 0)
        {
            valid = host.startsWith("[") && host.endsWith("]");
        }
        if (!valid)
        {
            throw new IllegalArgumentException("parameter " + key + "=" + value + " is not HOST:PORT with a port " +
                "from 0 to 65535, such as 10.0.0.2:40123 or [::1]:40123");
        }
    }

    /**
     * The stream id: a channel carries several streams; both sides must use the same.
     *
     * @param streamId any value; default {@value #STREAM_DEFAULT}.
     * @return this builder.
     */
    public AeronOptions streamId(final int streamId)
    {
        this.streamId = streamId;
        channelText = null;
        return this;
    }

    /**
     * The term length of the producer's log (Aeron's {@code term-length}): the log is three terms; the largest
     * message is an eighth of a term (at most 16 MiB).
     *
     * @param termLength a power of two from 64 KiB to 1 GiB.
     * @return this builder.
     * @throws IllegalArgumentException if out of range.
     */
    public AeronOptions termLength(final int termLength)
    {
        if (termLength < LogBufferDescriptor.TERM_MIN_LENGTH || termLength > LogBufferDescriptor.TERM_MAX_LENGTH ||
            !BitUtil.isPowerOfTwo(termLength))
        {
            throw new IllegalArgumentException("term-length " + termLength + " is not a power of two from " +
                LogBufferDescriptor.TERM_MIN_LENGTH + " (64k) to " + LogBufferDescriptor.TERM_MAX_LENGTH + " (1g)");
        }
        aeronParams.put(CommonContext.TERM_LENGTH_PARAM_NAME, Integer.toString(termLength));
        channelText = null;
        return this;
    }

    /**
     * The producer's MTU (Aeron's {@code mtu}): the largest frame, header included. A message of up to
     * {@code mtu - 32} bytes travels in one frame; a larger one is fragmented and reassembled.
     *
     * @param mtu a multiple of 32 from 64 to 65504 bytes; keep it within the network's MTU for UDP.
     * @return this builder.
     * @throws IllegalArgumentException if out of range.
     */
    public AeronOptions mtu(final int mtu)
    {
        if (mtu < 2 * DataHeaderFlyweight.HEADER_LENGTH || mtu > MAX_MTU || 0 != mtu % FrameDescriptor.FRAME_ALIGNMENT)
        {
            throw new IllegalArgumentException("mtu " + mtu + " is not a multiple of " +
                FrameDescriptor.FRAME_ALIGNMENT + " from " + 2 * DataHeaderFlyweight.HEADER_LENGTH + " to " + MAX_MTU);
        }
        aeronParams.put(CommonContext.MTU_LENGTH_PARAM_NAME, Integer.toString(mtu));
        channelText = null;
        return this;
    }

    /**
     * Use an external media driver instead of an embedded one.
     *
     * @param aeronDirectory the directory of a running media driver (Aeron's {@code aeron.dir}), or {@code null}
     *                       for an embedded driver.
     * @return this builder.
     */
    public AeronOptions aeronDirectory(final String aeronDirectory)
    {
        this.aeronDirectory = null == aeronDirectory || aeronDirectory.isBlank() ? null : aeronDirectory;
        channelText = null;
        return this;
    }

    /**
     * Where the embedded driver makes its directory.
     *
     * @param parentDirectory an existing, writable directory (a tmpfs such as {@code /dev/shm} is best), or
     *                        {@code null} for the block directory.
     * @return this builder.
     */
    public AeronOptions driverParentDirectory(final Path parentDirectory)
    {
        this.parentDirectory = null == parentDirectory ? null : parentDirectory.toAbsolutePath();
        channelText = null;
        return this;
    }

    /**
     * The embedded driver's idle strategy, by Aeron's names.
     *
     * @param name {@code backoff} (default), {@code sleep-ns}, {@code sleep-ms}, {@code yield}, {@code spin},
     *             {@code noop}, or the class name of an {@link IdleStrategy} with a no-argument constructor.
     * @return this builder.
     * @throws IllegalArgumentException if Aeron does not know the name.
     */
    public AeronOptions driverIdleStrategy(final String name)
    {
        Objects.requireNonNull(name, "name");
        try
        {
            Configuration.agentIdleStrategy(name, null);
        }
        catch (final Exception ex)
        {
            // Aeron rethrows the ClassNotFoundException of an unknown name unchecked: hence Exception.
            throw new IllegalArgumentException("parameter driver-idle=" + name + " is not an idle strategy Aeron " +
                "knows: backoff, sleep-ns, sleep-ms, yield, spin, noop, or a class name");
        }
        this.driverIdleStrategy = name;
        channelText = null;
        return this;
    }

    /**
     * The embedded driver's threading: {@link ThreadingMode#SHARED} (default: conductor, sender and receiver on one
     * thread), {@link ThreadingMode#SHARED_NETWORK} or {@link ThreadingMode#DEDICATED}.
     *
     * @param threadingMode the mode; {@link ThreadingMode#INVOKER} is not supported.
     * @return this builder.
     * @throws IllegalArgumentException for {@link ThreadingMode#INVOKER}.
     */
    public AeronOptions threadingMode(final ThreadingMode threadingMode)
    {
        if (ThreadingMode.INVOKER == Objects.requireNonNull(threadingMode, "threadingMode"))
        {
            throw new IllegalArgumentException("threading mode INVOKER is not supported: nothing would run the driver");
        }
        this.threadingMode = threadingMode;
        channelText = null;
        return this;
    }

    /**
     * The embedded driver's image liveness and publication connection time-outs: a producer silent for this long is
     * gone for the consumer ({@link io.sharedmem.PeerDeadException} from {@code read}), a consumer silent for this
     * long disconnects the producer.
     *
     * @param livenessTimeout a positive duration; default 5 s.
     * @return this builder.
     */
    public AeronOptions livenessTimeout(final Duration livenessTimeout)
    {
        if (livenessTimeout.isNegative() || livenessTimeout.isZero())
        {
            throw new IllegalArgumentException("liveness-timeout must be positive, was " + livenessTimeout);
        }
        this.livenessTimeout = livenessTimeout;
        channelText = null;
        return this;
    }

    /**
     * Opens the sending end.
     *
     * @return the producer; close it when done.
     * @throws IllegalArgumentException           if Aeron refuses the channel.
     * @throws io.sharedmem.channel.ChannelException if no driver can be started or reached.
     */
    public AeronProducer producer()
    {
        checkComplete();
        return new AeronProducer(this);
    }

    /**
     * Opens the receiving end.
     *
     * @return the consumer; close it when done.
     * @throws IllegalArgumentException           if Aeron refuses the channel.
     * @throws io.sharedmem.channel.ChannelException if no driver can be started or reached, or the endpoint cannot be
     *                                            bound.
     */
    public AeronConsumer consumer()
    {
        checkComplete();
        return new AeronConsumer(this);
    }

    private void checkComplete()
    {
        if (CommonContext.UDP_MEDIA.equals(media) && !aeronParams.containsKey(CommonContext.ENDPOINT_PARAM_NAME) &&
            !aeronParams.containsKey(CommonContext.MDC_CONTROL_PARAM_NAME))
        {
            throw new IllegalArgumentException("aeron:udp needs endpoint=HOST:PORT (the consumer's address), such as " +
                "aeron:udp?endpoint=10.0.0.2:40123");
        }
    }

    /**
     * The channel string these settings stand for: the one parsed, or one made from the builder.
     *
     * @return such as {@code aeron:udp?endpoint=10.0.0.2:40123|term-length=4194304}.
     */
    public String channel()
    {
        if (null != channelText)
        {
            return channelText;
        }
        final StringBuilder text = new StringBuilder(aeronChannel());
        final Map<String, String> own = new LinkedHashMap<>();
        if (STREAM_DEFAULT != streamId)
        {
            own.put(STREAM, Integer.toString(streamId));
        }
        if (null != aeronDirectory)
        {
            own.put(AERON_DIR, aeronDirectory);
        }
        if (null != parentDirectory)
        {
            own.put(DIR, parentDirectory.toString());
        }
        if (!DRIVER_IDLE_DEFAULT.equals(driverIdleStrategy))
        {
            own.put(DRIVER_IDLE, driverIdleStrategy);
        }
        if (ThreadingMode.SHARED != threadingMode)
        {
            own.put(THREADING, threadingMode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        if (!LIVENESS_TIMEOUT_DEFAULT.equals(livenessTimeout))
        {
            own.put(LIVENESS_TIMEOUT, livenessTimeout.toMillis() + "ms");
        }
        own.forEach((key, value) -> text.append(text.indexOf("?") < 0 ? '?' : '|').append(key).append('=')
            .append(value));
        return text.toString();
    }

    /**
     * The channel URI handed to Aeron: this project's parameters removed.
     *
     * @return such as {@code aeron:udp?endpoint=10.0.0.2:40123|term-length=4194304}.
     */
    public String aeronChannel()
    {
        final StringBuilder uri = new StringBuilder("aeron:").append(media);
        aeronParams.forEach((key, value) -> uri.append(uri.indexOf("?") < 0 ? '?' : '|').append(key).append('=')
            .append(value));
        return uri.toString();
    }

    /**
     * What these settings resolve to, defaults included, without opening anything.
     *
     * @return names and values in a stable order.
     */
    public Map<String, String> describe()
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("aeron_channel", aeronChannel());
        settings.put("stream", Integer.toString(streamId));
        final int termLength = termLengthOrDefault();
        settings.put("term_length", termLength + (aeronParams.containsKey(CommonContext.TERM_LENGTH_PARAM_NAME) ?
            "" : " (Aeron's default)"));
        final int mtu = mtuOrDefault();
        settings.put("mtu", mtu + (aeronParams.containsKey(CommonContext.MTU_LENGTH_PARAM_NAME) ? "" :
            " (Aeron's default)"));
        settings.put("max_message", Integer.toString(FrameDescriptor.computeMaxMessageLength(termLength)));
        settings.put("max_claim_in_place", (mtu - DataHeaderFlyweight.HEADER_LENGTH) + " (larger claims are " +
            "written to a copy buffer and offered on commit)");
        settings.putAll(driverDescription());
        settings.put("type_id", "carried in each frame's reserved value");
        return settings;
    }

    Map<String, String> driverDescription()
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        if (isEmbedded())
        {
            settings.put("driver", "embedded (one per JVM and driver settings, shared by its channels)");
            settings.put("driver_dir", parentDirectory() + "/" + EMBEDDED_DIR_PREFIX + "PID-... (deleted on close)");
            settings.put("driver_threading", threadingMode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            settings.put("driver_idle", driverIdleStrategy);
            settings.put("liveness_timeout", livenessTimeout.toMillis() + " ms");
        }
        else
        {
            settings.put("driver", "external");
            settings.put("driver_dir", aeronDirectory);
            settings.put("liveness_timeout", "the external driver's");
        }
        return settings;
    }

    boolean isEmbedded()
    {
        return null == aeronDirectory;
    }

    String media()
    {
        return media;
    }

    int streamId()
    {
        return streamId;
    }

    String aeronDirectory()
    {
        return aeronDirectory;
    }

    Path parentDirectory()
    {
        return null == parentDirectory ? BlockDirectory.resolve() : parentDirectory;
    }

    String driverIdleStrategy()
    {
        return driverIdleStrategy;
    }

    ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    Duration livenessTimeout()
    {
        return livenessTimeout;
    }

    String endpoint()
    {
        return aeronParams.get(CommonContext.ENDPOINT_PARAM_NAME);
    }

    private int termLengthOrDefault()
    {
        final String value = aeronParams.get(CommonContext.TERM_LENGTH_PARAM_NAME);
        return null == value ? Configuration.TERM_BUFFER_LENGTH_DEFAULT : Integer.parseInt(value);
    }

    private int mtuOrDefault()
    {
        final String value = aeronParams.get(CommonContext.MTU_LENGTH_PARAM_NAME);
        return null == value ? Configuration.MTU_LENGTH_DEFAULT : Integer.parseInt(value);
    }

    /**
     * An error naming these settings' channel string.
     *
     * @param what what is wrong and what to do.
     * @return the exception.
     */
    IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException("channel \"" + channel() + "\": " + what);
    }

    @Override
    public String toString()
    {
        return channel();
    }
}
