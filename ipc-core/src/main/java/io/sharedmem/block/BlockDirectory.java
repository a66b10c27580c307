/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where blocks live when no directory is given explicitly.
 * <ol>
 *     <li>the system property {@value #DIR_PROP_NAME}, if set and not blank;</li>
 *     <li>else the environment variable {@value #DIR_ENV_NAME}, if set and not blank;</li>
 *     <li>else {@value #LINUX_SHM_DIR} on Linux, where POSIX shared memory and Python's blocks live, so the same
 *     name is the same block;</li>
 *     <li>else the JVM's temporary directory ({@code java.io.tmpdir}).</li>
 * </ol>
 * The choice is made on every call, so a property set at run time takes effect for blocks opened afterwards.
 * <p>
 * This class is stateless and thread-safe.
 */
public final class BlockDirectory
{
    /**
     * System property naming the directory of blocks.
     */
    public static final String DIR_PROP_NAME = "sharedmem.dir";

    /**
     * Environment variable naming the directory of blocks, used when the system property is not set.
     */
    public static final String DIR_ENV_NAME = "SHAREDMEM_DIR";

    /**
     * The POSIX shared memory directory on Linux.
     */
    public static final String LINUX_SHM_DIR = "/dev/shm";

    private BlockDirectory()
    {
    }

    /**
     * The directory of blocks, chosen as the class description says.
     *
     * @return an absolute path; it is not checked for existence.
     */
    public static Path resolve()
    {
        final String property = System.getProperty(DIR_PROP_NAME);
        if (null != property && !property.isBlank())
        {
            return Paths.get(property).toAbsolutePath();
        }

        final String env = System.getenv(DIR_ENV_NAME);
        if (null != env && !env.isBlank())
        {
            return Paths.get(env).toAbsolutePath();
        }

        final Path shm = Paths.get(LINUX_SHM_DIR);
        if (System.getProperty("os.name", "").toLowerCase().contains("linux") && Files.isDirectory(shm))
        {
            return shm;
        }

        return Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }

    /**
     * Which rule chose the directory, for messages and tools.
     *
     * @return a short description such as {@code "system property sharedmem.dir"}.
     */
    public static String source()
    {
        final String property = System.getProperty(DIR_PROP_NAME);
        if (null != property && !property.isBlank())
        {
            return "system property " + DIR_PROP_NAME;
        }
        final String env = System.getenv(DIR_ENV_NAME);
        if (null != env && !env.isBlank())
        {
            return "environment variable " + DIR_ENV_NAME;
        }
        return "default";
    }

    /**
     * How a directory was chosen, for messages: the rule of {@link #source()} if it is the default directory, else
     * an explicit choice (such as {@code BlockOptions.directory} or a tool's {@code --dir}).
     *
     * @param directory the directory in use.
     * @return a short description such as {@code "default"} or {@code "an explicit setting"}.
     */
    public static String sourceOf(final Path directory)
    {
        return directory.toAbsolutePath().equals(resolve()) ? source() : "an explicit setting";
    }
}
