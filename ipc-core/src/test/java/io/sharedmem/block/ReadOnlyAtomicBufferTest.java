/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadOnlyAtomicBufferTest
{
    /**
     * Names of the methods of {@link UnsafeBuffer} that write to the memory or re-point the buffer.
     */
    static final Pattern MUTATING = Pattern.compile("^(put|set|compareAnd|getAnd|add|wrap).*");

    /**
     * Every public instance method of {@link UnsafeBuffer}, inherited ones included, whose name says it mutates.
     * Getters that merely share a prefix ({@code addressOffset()}, {@code wrapAdjustment()}) take no argument, and
     * every mutator takes at least one, so methods without parameters are left out.
     *
     * @return the methods, as the Agrona on the class path declares them.
     */
    static List<Method> mutatingMethods()
    {
        final List<Method> methods = new ArrayList<>();
        for (final Method method : UnsafeBuffer.class.getMethods())
        {
            if (!Modifier.isStatic(method.getModifiers()) && !method.isBridge() && !method.isSynthetic() &&
                method.getParameterCount() > 0 && MUTATING.matcher(method.getName()).matches())
            {
                methods.add(method);
            }
        }
        return methods;
    }

    @Test
    void everyMutatingMethodOfUnsafeBufferIsOverridden()
    {
        final List<Method> methods = mutatingMethods();
        assertTrue(methods.size() > 60, "expected Agrona's many put/set/wrap methods, found " + methods.size());

        final List<String> missing = new ArrayList<>();
        for (final Method method : methods)
        {
            try
            {
                ReadOnlyAtomicBuffer.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            }
            catch (final NoSuchMethodException ex)
            {
                missing.add(method.toString());
            }
        }
        assertEquals(List.of(), missing, "methods of UnsafeBuffer that ReadOnlyAtomicBuffer does not override");
    }

    @Test
    void everyMutatingMethodThrowsReadOnlyBufferException()
    {
        final ByteBuffer memory = ByteBuffer.allocateDirect(256);
        memory.put(0, (byte)7);
        final ReadOnlyAtomicBuffer buffer = new ReadOnlyAtomicBuffer(BufferUtil.address(memory), 256);

        for (final Method method : mutatingMethods())
        {
            final InvocationTargetException ex = assertThrows(InvocationTargetException.class,
                () -> method.invoke(buffer, sampleArguments(method)), method.toString());
            assertTrue(ex.getCause() instanceof ReadOnlyBufferException, method + " threw " + ex.getCause());
        }
        assertEquals(7, buffer.getByte(0));
        for (int i = 1; i < 256; i++)
        {
            assertEquals(0, memory.get(i), "byte " + i + " was written");
        }
    }

    @Test
    void readsWork()
    {
        final ByteBuffer memory = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
        memory.putLong(8, 0x1122334455667788L);
        final ReadOnlyAtomicBuffer buffer = new ReadOnlyAtomicBuffer(BufferUtil.address(memory), 64);

        assertEquals(64, buffer.capacity());
        assertEquals(0x1122334455667788L, buffer.getLongVolatile(8));
        assertEquals(0x1122334455667788L, buffer.getLongAcquire(8));
        assertEquals(0x55667788, buffer.getInt(8));
    }

    @Test
    void detachEmptiesTheBufferSoReadsThrow()
    {
        final ByteBuffer memory = ByteBuffer.allocateDirect(64);
        final ReadOnlyAtomicBuffer buffer = new ReadOnlyAtomicBuffer(BufferUtil.address(memory), 64);
        buffer.detach();
        assertEquals(0, buffer.capacity());
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.getLong(0));
        assertFalse(buffer.capacity() > 0);
    }

    /**
     * Harmless arguments of the right types: index 0, small lengths, and sources that exist.
     *
     * @param method the method to call.
     * @return its arguments.
     */
    static Object[] sampleArguments(final Method method)
    {
        final Class<?>[] types = method.getParameterTypes();
        final Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++)
        {
            final Class<?> type = types[i];
            if (type == int.class)
            {
                args[i] = 1;
            }
            else if (type == long.class)
            {
                args[i] = 1L;
            }
            else if (type == byte.class)
            {
                args[i] = (byte)1;
            }
            else if (type == short.class)
            {
                args[i] = (short)1;
            }
            else if (type == char.class)
            {
                args[i] = 'x';
            }
            else if (type == float.class)
            {
                args[i] = 1.0f;
            }
            else if (type == double.class)
            {
                args[i] = 1.0;
            }
            else if (type == byte[].class)
            {
                args[i] = new byte[16];
            }
            else if (type == ByteBuffer.class)
            {
                args[i] = ByteBuffer.allocateDirect(16);
            }
            else if (type == ByteOrder.class)
            {
                args[i] = ByteOrder.LITTLE_ENDIAN;
            }
            else if (type == String.class || type == CharSequence.class)
            {
                args[i] = "x";
            }
            else if (type.isAssignableFrom(UnsafeBuffer.class))
            {
                args[i] = new UnsafeBuffer(new byte[16]);
            }
            else
            {
                throw new AssertionError("no sample argument of type " + type + " for " + method);
            }
        }
        return args;
    }
}
