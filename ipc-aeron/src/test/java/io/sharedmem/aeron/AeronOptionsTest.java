/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.aeron.driver.ThreadingMode;
import io.sharedmem.channel.Channels;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AeronOptionsTest
{
    @Test
    void ownParametersAreTakenOutOfWhatAeronGets()
    {
        final AeronOptions options = AeronOptions.parse("aeron:udp?endpoint=10.0.0.2:40123|term-length=4m|mtu=8k|" +
            "stream=7|driver-idle=sleep-ms|threading=dedicated|liveness-timeout=3s|dir=/tmp|so-rcvbuf=2m");
        assertEquals("aeron:udp?endpoint=10.0.0.2:40123|term-length=4194304|mtu=8192|so-rcvbuf=2m",
            options.aeronChannel());
        assertEquals(7, options.streamId());
        assertEquals("sleep-ms", options.driverIdleStrategy());
        assertEquals(ThreadingMode.DEDICATED, options.threadingMode());
        assertEquals(Duration.ofSeconds(3), options.livenessTimeout());
        assertEquals(Paths.get("/tmp"), options.parentDirectory());
        assertTrue(options.isEmbedded());
    }

    @Test
    void theBuilderMakesAChannelStringThatParsesBackToTheSameSettings()
    {
        final AeronOptions built = AeronOptions.udp("host:40123").termLength(1 << 20).mtu(4096).streamId(9)
            .driverIdleStrategy("yield").threadingMode(ThreadingMode.SHARED_NETWORK)
            .livenessTimeout(Duration.ofMillis(2500)).aeronDirectory("/dev/shm/aeron-x");
        assertEquals("aeron:udp?endpoint=host:40123|term-length=1048576|mtu=4096|stream=9|aeron.dir=/dev/shm/aeron-x|" +
            "driver-idle=yield|threading=shared-network|liveness-timeout=2500ms", built.channel());
        final AeronOptions parsed = AeronOptions.parse(built.channel());
        assertEquals(built.aeronChannel(), parsed.aeronChannel());
        assertEquals(built.describe(), parsed.describe());
        assertEquals("external", parsed.describe().get("driver"));
    }

    @Test
    void describeShowsAeronsDefaults()
    {
        final Map<String, String> described = Channels.describe("aeron:udp?endpoint=10.0.0.2:40123");
        assertEquals("aeron:udp?endpoint=10.0.0.2:40123", described.get("aeron_channel"));
        assertEquals("1001", described.get("stream"));
        assertEquals("16777216 (Aeron's default)", described.get("term_length"));
        assertEquals("1408 (Aeron's default)", described.get("mtu"));
        assertEquals("2097152", described.get("max_message"));
        assertTrue(described.get("max_claim_in_place").startsWith("1376 "));
        assertEquals("embedded (one per JVM and driver settings, shared by its channels)", described.get("driver"));
        assertEquals("backoff", described.get("driver_idle"));
        assertEquals("5000 ms", described.get("liveness_timeout"));
    }

    @Test
    void malformedEndpointsNameTheStringAndTheFormExpected()
    {
        for (final String endpoint : new String[]{ "localhost", "localhost:", ":40123", "host:99999", "host:40x",
            "::1:40123" })
        {
            final String channel = "aeron:udp?endpoint=" + endpoint;
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Channels.producer(channel), channel);
            assertEquals("channel \"" + channel + "\": parameter endpoint=" + endpoint + " is not HOST:PORT with a " +
                "port from 0 to 65535, such as 10.0.0.2:40123 or [::1]:40123", ex.getMessage());
        }
        assertEquals("[::1]:40123", AeronOptions.parse("aeron:udp?endpoint=[::1]:40123").endpoint());
    }

    @Test
    void wrongStringsAreRefusedBeforeAnythingStarts()
    {
        assertMessage("aeron:udp", "channel \"aeron:udp\": aeron:udp needs endpoint=HOST:PORT (the consumer's " +
            "address), such as aeron:udp?endpoint=10.0.0.2:40123");
        assertMessage("aeron:tcp?endpoint=h:1", "channel \"aeron:tcp?endpoint=h:1\": the media \"tcp\" is not udp " +
            "or ipc; expected aeron:udp?endpoint=HOST:PORT or aeron:ipc");
        assertTrue(message("aeron:udp?endpoint=h:1|colour=red").startsWith(
            "channel \"aeron:udp?endpoint=h:1|colour=red\": unknown parameter \"colour\" for scheme aeron:; known: "));
        assertMessage("aeron:udp?endpoint=h:1|term-length=1000", "channel \"aeron:udp?endpoint=h:1|term-length=1000\"" +
            ": term-length 1000 is not a power of two from 65536 (64k) to 1073741824 (1g)");
        assertMessage("aeron:udp?endpoint=h:1|mtu=1000", "channel \"aeron:udp?endpoint=h:1|mtu=1000\": mtu 1000 is " +
            "not a multiple of 32 from 64 to 65504");
        assertTrue(message("aeron:udp?endpoint=h:1|driver-idle=lazy").contains("parameter driver-idle=lazy is not " +
            "an idle strategy Aeron knows"));
        assertTrue(message("aeron:udp?endpoint=h:1|threading=invoker").contains("parameter threading=invoker is " +
            "not shared, shared-network or dedicated"));
        assertTrue(message("aeron:udp?endpoint=h:1|liveness-timeout=5").contains("parameter liveness-timeout=5 is " +
            "not a positive duration with a unit"));
        assertTrue(message("aeron:udp?endpoint=h:1|stream=x").contains("parameter stream=x is not an integer"));
    }

    @Test
    void ipcNeedsNoEndpoint()
    {
        final AeronOptions options = AeronOptions.parse("aeron:ipc?term-length=64k");
        assertEquals("aeron:ipc?term-length=65536", options.aeronChannel());
        assertNull(options.endpoint());
        assertEquals("aeron:ipc", AeronOptions.ipc().channel());
    }

    private static void assertMessage(final String channel, final String expected)
    {
        assertEquals(expected, message(channel));
    }

    private static String message(final String channel)
    {
        return assertThrows(IllegalArgumentException.class, () -> Channels.consumer(channel), channel).getMessage();
    }
}
