/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelStringTest
{
    @Test
    void takesSchemeTargetAndParametersApart()
    {
        final ChannelString channel = ChannelString.parse("aeron:udp?endpoint=10.0.0.2:40123|term-length=4m&mtu=8k");
        assertEquals("aeron", channel.scheme());
        assertEquals("udp", channel.target());
        assertEquals(Map.of("endpoint", "10.0.0.2:40123", "term-length", "4m", "mtu", "8k"), channel.params());
        assertEquals(List.of("endpoint", "term-length", "mtu"), List.copyOf(channel.params().keySet()));
        assertEquals(4 << 20, channel.size("term-length", 0));
        assertEquals("aeron:udp?endpoint=10.0.0.2:40123|term-length=4m&mtu=8k", channel.toString());
    }

    @Test
    void schemeIsCaseInsensitiveAndTargetMayBeBare()
    {
        final ChannelString channel = ChannelString.parse("SHM:orders");
        assertEquals("shm", channel.scheme());
        assertEquals("orders", channel.target());
        assertTrue(channel.params().isEmpty());
    }

    @Test
    void malformedStringsNameTheStringAndTheExpectedForm()
    {
        for (final String bad : new String[]{ "orders", ":orders", "1shm:orders", "shm:orders?", "shm:orders?capacity",
            "shm:orders?capacity=", "shm:orders?=1", "shm:orders?capacity=1m|capacity=2m", "shm:o?a=1||b=2" })
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ChannelString.parse(bad), bad);
            assertTrue(ex.getMessage().startsWith("malformed channel \"" + bad + "\": "), ex.getMessage());
            assertTrue(ex.getMessage().endsWith("expected SCHEME:TARGET[?KEY=VALUE|KEY=VALUE...], such as " +
                "shm:orders?capacity=1m or aeron:udp?endpoint=10.0.0.2:40123"), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ChannelString.parse(" "));
    }

    @Test
    void typedParametersReportBadValuesWithTheKeyAndForm()
    {
        final ChannelString channel = ChannelString.parse("shm:o?capacity=lots|timeout=5|keep=yes|n=7|d=500ms");
        assertEquals("channel \"shm:o?capacity=lots|timeout=5|keep=yes|n=7|d=500ms\": parameter capacity=lots is " +
            "not a size such as 65536, 64k or 1m",
            assertThrows(IllegalArgumentException.class, () -> channel.size("capacity", 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> channel.duration("timeout", Duration.ZERO)).getMessage().contains("parameter timeout=5 is not a " +
            "positive duration with a unit, such as 5s or 500ms"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> channel.bool("keep", false)).getMessage().contains("parameter keep=yes is not true or false"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> channel.integer("n", 0, 10, 20)).getMessage().contains("parameter n=7 is not an integer from 10 to " +
            "20"));
        assertEquals(Duration.ofMillis(500), channel.duration("d", Duration.ZERO));
        assertEquals(Duration.ofSeconds(3), channel.duration("absent", Duration.ofSeconds(3)));
    }

    @Test
    void unknownParametersAreRefusedWithTheKnownOnes()
    {
        final ChannelString channel = ChannelString.parse("shm:orders?capacty=1m");
        assertEquals("channel \"shm:orders?capacty=1m\": unknown parameter \"capacty\" for scheme shm:; known: " +
            "capacity, kind", assertThrows(IllegalArgumentException.class,
            () -> channel.requireKnown(List.of("kind", "capacity"))).getMessage());
    }
}
