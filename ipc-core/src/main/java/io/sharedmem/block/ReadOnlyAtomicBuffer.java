/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;

/**
 * An {@link UnsafeBuffer} over memory mapped read-only: every read works, every write, atomic update and re-wrap
 * throws {@link ReadOnlyBufferException}.
 * <p>
 * Why it exists: a block attached read-only is mapped without write permission, and a plain {@code UnsafeBuffer}
 * writes through {@code Unsafe}, so a stray write would kill the JVM with a segmentation fault instead of raising an
 * exception. A test checks that every mutating method of the Agrona version in use is overridden here, so a new
 * Agrona method cannot slip through.
 * <p>
 * Reads follow the thread-safety of {@link UnsafeBuffer}. Only the owning block re-wraps an instance (to zero
 * capacity, when it closes).
 */
public final class ReadOnlyAtomicBuffer extends UnsafeBuffer
{
    private static final byte[] EMPTY = new byte[0];

    private boolean sealed;

    /**
     * Wraps read-only memory.
     *
     * @param address start of the memory.
     * @param length  number of bytes.
     */
    public ReadOnlyAtomicBuffer(final long address, final int length)
    {
        super(address, length);
        sealed = true;
    }

    /**
     * Points this buffer at nothing, so that later reads throw {@link IndexOutOfBoundsException} instead of touching
     * memory that is about to be unmapped. Only the owning block calls this.
     */
    void detach()
    {
        super.wrap(EMPTY);
    }

    private static ReadOnlyBufferException readOnly()
    {
        return new ReadOnlyBufferException();
    }

    @Override
    public boolean compareAndSetInt(final int index, final int a1, final int a2)
    {
        throw readOnly();
    }

    @Override
    public boolean compareAndSetLong(final int index, final long a1, final long a2)
    {
        throw readOnly();
    }

    @Override
    public int addIntOpaque(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public int addIntOrdered(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public int addIntRelease(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public int compareAndExchangeInt(final int index, final int a1, final int a2)
    {
        throw readOnly();
    }

    @Override
    public int getAndAddInt(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public int getAndSetInt(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public int putIntAscii(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public int putLongAscii(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public int putNaturalIntAscii(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public int putNaturalIntAsciiFromEnd(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public int putNaturalLongAscii(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public int putStringAscii(final int index, final CharSequence a1)
    {
        throw readOnly();
    }

    @Override
    public int putStringAscii(final int index, final CharSequence a1, final ByteOrder a2)
    {
        throw readOnly();
    }

    @Override
    public int putStringAscii(final int index, final String a1)
    {
        throw readOnly();
    }

    @Override
    public int putStringAscii(final int index, final String a1, final ByteOrder a2)
    {
        throw readOnly();
    }

    @Override
    public int putStringUtf8(final int index, final String a1)
    {
        throw readOnly();
    }

    @Override
    public int putStringUtf8(final int index, final String a1, final int a2)
    {
        throw readOnly();
    }

    @Override
    public int putStringUtf8(final int index, final String a1, final ByteOrder a2)
    {
        throw readOnly();
    }

    @Override
    public int putStringUtf8(final int index, final String a1, final ByteOrder a2, final int a3)
    {
        throw readOnly();
    }

    @Override
    public int putStringWithoutLengthAscii(final int index, final CharSequence a1)
    {
        throw readOnly();
    }

    @Override
    public int putStringWithoutLengthAscii(final int index, final CharSequence a1, final int a2, final int a3)
    {
        throw readOnly();
    }

    @Override
    public int putStringWithoutLengthAscii(final int index, final String a1)
    {
        throw readOnly();
    }

    @Override
    public int putStringWithoutLengthAscii(final int index, final String a1, final int a2, final int a3)
    {
        throw readOnly();
    }

    @Override
    public int putStringWithoutLengthUtf8(final int index, final String a1)
    {
        throw readOnly();
    }

    @Override
    public long addLongOpaque(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public long addLongOrdered(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public long addLongRelease(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public long compareAndExchangeLong(final int index, final long a1, final long a2)
    {
        throw readOnly();
    }

    @Override
    public long getAndAddLong(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public long getAndSetLong(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public void putByte(final int index, final byte a1)
    {
        throw readOnly();
    }

    @Override
    public void putByteVolatile(final int index, final byte a1)
    {
        throw readOnly();
    }

    @Override
    public void putBytes(final int index, final byte[] a1)
    {
        throw readOnly();
    }

    @Override
    public void putBytes(final int index, final byte[] a1, final int a2, final int a3)
    {
        throw readOnly();
    }

    @Override
    public void putBytes(final int index, final ByteBuffer a1, final int a2)
    {
        throw readOnly();
    }

    @Override
    public void putBytes(final int index, final ByteBuffer a1, final int a2, final int a3)
    {
        throw readOnly();
    }

    @Override
    public void putBytes(final int index, final DirectBuffer a1, final int a2, final int a3)
    {
        throw readOnly();
    }

    @Override
    public void putChar(final int index, final char a1)
    {
        throw readOnly();
    }

    @Override
    public void putChar(final int index, final char a1, final ByteOrder a2)
    {
        throw readOnly();
    }

    @Override
    public void putCharVolatile(final int index, final char a1)
    {
        throw readOnly();
    }

    @Override
    public void putDouble(final int index, final double a1)
    {
        throw readOnly();
    }

    @Override
    public void putDouble(final int index, final double a1, final ByteOrder a2)
    {
        throw readOnly();
    }

    @Override
    public void putFloat(final int index, final float a1)
    {
        throw readOnly();
    }

    @Override
    public void putFloat(final int index, final float a1, final ByteOrder a2)
    {
        throw readOnly();
    }

    @Override
    public void putInt(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public void putInt(final int index, final int a1, final ByteOrder a2)
    {
        throw readOnly();
    }

    @Override
    public void putIntOpaque(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public void putIntOrdered(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public void putIntRelease(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public void putIntVolatile(final int index, final int a1)
    {
        throw readOnly();
    }

    @Override
    public void putLong(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public void putLong(final int index, final long a1, final ByteOrder a2)
    {
        throw readOnly();
    }

    @Override
    public void putLongOpaque(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public void putLongOrdered(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public void putLongRelease(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public void putLongVolatile(final int index, final long a1)
    {
        throw readOnly();
    }

    @Override
    public void putNaturalPaddedIntAscii(final int index, final int a1, final int a2)
    {
        throw readOnly();
    }

    @Override
    public void putShort(final int index, final short a1)
    {
        throw readOnly();
    }

    @Override
    public void putShort(final int index, final short a1, final ByteOrder a2)
    {
        throw readOnly();
    }

    @Override
    public void putShortVolatile(final int index, final short a1)
    {
        throw readOnly();
    }

    @Override
    public void setMemory(final int index, final int a1, final byte a2)
    {
        throw readOnly();
    }

    @Override
    public void wrap(final byte[] target)
    {
        if (sealed)
        {
            throw readOnly();
        }
        super.wrap(target);
    }

    @Override
    public void wrap(final byte[] target, final int offset, final int length)
    {
        if (sealed)
        {
            throw readOnly();
        }
        super.wrap(target, offset, length);
    }

    @Override
    public void wrap(final ByteBuffer target)
    {
        if (sealed)
        {
            throw readOnly();
        }
        super.wrap(target);
    }

    @Override
    public void wrap(final ByteBuffer target, final int offset, final int length)
    {
        if (sealed)
        {
            throw readOnly();
        }
        super.wrap(target, offset, length);
    }

    @Override
    public void wrap(final long address, final int length)
    {
        if (sealed)
        {
            throw readOnly();
        }
        super.wrap(address, length);
    }

    @Override
    public void wrap(final DirectBuffer target)
    {
        if (sealed)
        {
            throw readOnly();
        }
        super.wrap(target);
    }

    @Override
    public void wrap(final DirectBuffer target, final int offset, final int length)
    {
        if (sealed)
        {
            throw readOnly();
        }
        super.wrap(target, offset, length);
    }
}
