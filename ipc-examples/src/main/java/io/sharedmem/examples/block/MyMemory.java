/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.block;

import org.agrona.DirectBuffer;

import java.io.PrintStream;

/**
 * What the {@link Writer} and {@link Reader} examples agree on: the block's name and size, who writes which half,
 * and the bytes each writes.
 * <pre>
 *   0                              512                            1016     1024
 *   +-------------------------------+-------------------------------+--------+
 *   | writer's half: 01 02 03 ...   | reader's half: ff fe fd ...            |
 *   +-------------------------------+-------------------------------+--------+
 *                                                                    written last: the writer
 *                                                                    waits for these 8 bytes
 * </pre>
 * No byte either side writes is zero, so a zero shows a byte nobody has written yet.
 * <p>
 * Stateless and thread-safe.
 */
public final class MyMemory
{
    /**
     * The block's name: the file {@code /dev/shm/MyMemory} on Linux.
     */
    public static final String NAME = "MyMemory";

    /**
     * The block's size in bytes.
     */
    public static final int SIZE = 1024;

    /**
     * Where the reader's half starts; the writer's half is everything before.
     */
    public static final int HALF = SIZE / 2;

    /**
     * The last 8 bytes of the reader's half, which it writes last with a release store: when they are not zero,
     * the whole half has arrived.
     */
    public static final int DONE_OFFSET = SIZE - Long.BYTES;

    private static final int BYTES_PER_LINE = 32;

    private MyMemory()
    {
    }

    /**
     * The byte the writer puts at an offset of its half.
     *
     * @param offset 0 to {@value #HALF} - 1.
     * @return 0x01, 0x02, ... 0xff, 0x01, ...: never zero.
     */
    public static byte writerByte(final int offset)
    {
        return (byte)(1 + offset % 255);
    }

    /**
     * The byte the reader puts at an offset of the block within its half.
     *
     * @param offset {@value #HALF} to {@value #SIZE} - 1.
     * @return 0xff, 0xfe, ... 0x01, 0xff, ...: never zero.
     */
    public static byte readerByte(final int offset)
    {
        return (byte)(255 - (offset - HALF) % 255);
    }

    /**
     * Prints every byte of the block in hexadecimal, {@value #BYTES_PER_LINE} to a line, each line starting with
     * its offset.
     *
     * @param buffer the block's buffer.
     * @param out    where to print.
     */
    public static void print(final DirectBuffer buffer, final PrintStream out)
    {
        final StringBuilder line = new StringBuilder(8 + 3 * BYTES_PER_LINE);
        for (int offset = 0; offset < buffer.capacity(); offset += BYTES_PER_LINE)
        {
            line.setLength(0);
            line.append(String.format("%04d:", offset));
            for (int i = offset; i < Math.min(offset + BYTES_PER_LINE, buffer.capacity()); i++)
            {
                line.append(' ').append(String.format("%02x", buffer.getByte(i) & 0xff));
            }
            out.println(line);
        }
    }
}
