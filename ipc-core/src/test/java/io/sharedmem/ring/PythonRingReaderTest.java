/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/LAYOUT.md is precise enough for another language: a Python script written from it alone reads the messages
 * waiting in a ring, across a padding record at the wrap.
 */
class PythonRingReaderTest
{
    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void pythonReadsWaitingMessagesAcrossTheWrapFromTheLayoutSpecAlone() throws Exception
    {
        final String name = blocks.newName("py");
        final List<String> expected = new ArrayList<>();
        final long end;
        try (SpscRing ring = SpscRing.create(name, 1024);
            RingProducer producer = ring.producer();
            RingConsumer consumer = ring.consumer())
        {
            final UnsafeBuffer src = new UnsafeBuffer(new byte[128]);
            for (int i = 0; i < 9; i++)
            {
                producer.offer(1, src, 0, 100);
            }
            consumer.poll((t, b, i, l) -> { }, 9);
            for (int i = 0; i < 6; i++)
            {
                final int length = 18 + 17 * i;
                for (int j = 0; j < length; j++)
                {
                    src.putByte(j, (byte)(i * 31 + j));
                }
                assertTrue(producer.offer(10 + i, src, 0, length));
                expected.add((10 + i) + " " + length + " " + HexFormat.of().formatHex(src.byteArray(), 0, length));
            }
            end = producer.position();
            assertTrue(end / 1024 > consumer.position() / 1024, "the messages wrap");
            assertEquals(SpscRecordDescriptor.PADDING_MSG_TYPE_ID, ring.data().getInt(1008 + 4), "after padding");
            expected.add("end " + end);

            final Path script = Path.of(getClass().getResource("/python/ring_reader.py").toURI());
            final Process python = new ProcessBuilder("python3", script.toString(), ring.block().path().toString())
                .redirectErrorStream(true).start();
            final List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    lines.add(line);
                }
            }
            assertTrue(python.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, python.exitValue(), String.join("\n", lines));
            assertEquals(expected, lines);
        }
    }
}
