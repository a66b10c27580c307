/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What every sub-command shares: the block directory and the output writers of the run.
 * <p>
 * Sub-commands return their exit code from {@link #call()} and throw for failures, which {@link Ipc} reports in one
 * line. An instance serves one run; not thread-safe.
 */
abstract class BlockCommand implements Callable<Integer>
{
    @ParentCommand
    Ipc ipc;

    @Spec
    CommandSpec spec;

    /**
     * The block directory for this run.
     *
     * @return {@code --dir}, or the default directory.
     */
    Path directory()
    {
        return ipc.directory();
    }

    /**
     * Standard output of this run.
     *
     * @return the writer.
     */
    PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    /**
     * Standard error of this run.
     *
     * @return the writer.
     */
    PrintWriter err()
    {
        return spec.commandLine().getErr();
    }
}
