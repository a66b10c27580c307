/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Lets tests in other packages use the method list and sample arguments of {@link ReadOnlyAtomicBufferTest}.
 */
public final class ReadOnlyAtomicBufferAccess
{
    private ReadOnlyAtomicBufferAccess()
    {
    }

    /**
     * The mutating methods of {@link org.agrona.concurrent.UnsafeBuffer}.
     *
     * @return the methods.
     */
    public static List<Method> mutatingMethods()
    {
        return ReadOnlyAtomicBufferTest.mutatingMethods();
    }

    /**
     * Harmless arguments for one of them.
     *
     * @param method the method.
     * @return its arguments.
     */
    public static Object[] sampleArguments(final Method method)
    {
        return ReadOnlyAtomicBufferTest.sampleArguments(method);
    }
}
