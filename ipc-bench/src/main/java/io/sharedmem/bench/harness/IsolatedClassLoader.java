/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class loader that defines its own copy of every class on the JVM's class path (the harness, the transports,
 * ipc-core, Agrona, Aeron), sharing only the JDK, the {@link Turn} interface and HdrHistogram with the application
 * class loader. HdrHistogram is shared because it is the same for every transport (one class, {@code Histogram},
 * no polymorphism to blend) and is used between turns, where a copy per transport would only multiply the JIT
 * compilations that run while others are measured.
 * <p>
 * Why: when transports take turns in one JVM, a call site in shared code (the harness loop's {@code send}, a ring's
 * call of its handler, Agrona's {@code putBytes}) would see every transport's classes and become megamorphic, and
 * its profile would be a blend of all transports; each would then run code compiled for the others too. With a copy
 * of the classes per transport, every profile and every compiled method belongs to one transport, as in a JVM of
 * its own. Static state (Agrona's, ipc-core's heartbeat thread) is per copy as well.
 * <p>
 * Thread-safe, as {@link URLClassLoader} is.
 */
final class IsolatedClassLoader extends URLClassLoader
{
    static
    {
        registerAsParallelCapable();
    }

    private static final String SHARED_PACKAGE = "org.HdrHistogram.";

    private final ClassLoader application;

    /**
     * Creates a loader over this JVM's class path.
     *
     * @param name a name for it, such as the transport's.
     */
    IsolatedClassLoader(final String name)
    {
        super(name, classPath(), ClassLoader.getPlatformClassLoader());
        this.application = IsolatedClassLoader.class.getClassLoader();
    }

    @Override
    protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException
    {
        if (Turn.class.getName().equals(name) || name.startsWith(SHARED_PACKAGE))
        {
            return application.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    /**
     * Creates the {@link PeerLoop} of one transport in a loader of its own.
     *
     * @param side     the side's label.
     * @param specJson the rotation's spec, as JSON.
     * @param index    the transport's index in the rotation.
     * @return the turn, its transport opened.
     * @throws Exception whatever opening the transport throws, unwrapped.
     */
    static Turn openTurn(final String side, final String specJson, final int index) throws Exception
    {
        final IsolatedClassLoader loader = new IsolatedClassLoader("turn-" + side);
        try
        {
            final Class<?> type = Class.forName(PeerLoop.class.getName(), true, loader);
            return (Turn)type.getConstructor(String.class, String.class, int.class).newInstance(side, specJson, index);
        }
        catch (final java.lang.reflect.InvocationTargetException ex)
        {
            loader.close();
            if (ex.getCause() instanceof Exception cause)
            {
                throw cause;
            }
            throw ex;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            loader.close();
            throw ex;
        }
    }

    private static URL[] classPath()
    {
        final List<URL> urls = new ArrayList<>();
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            if (!entry.isEmpty())
            {
                try
                {
                    urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
                }
                catch (final MalformedURLException ex)
                {
                    throw new IllegalStateException("class path entry " + entry + " is not a URL", ex);
                }
            }
        }
        return urls.toArray(new URL[0]);
    }
}
