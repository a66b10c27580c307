/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the {@code ipc} command line, with its output captured.
 *
 * @param exitCode the exit code.
 * @param out      what it printed on standard output.
 * @param err      what it printed on standard error.
 */
record CliRun(int exitCode, String out, String err)
{
    /**
     * Runs a command line in this JVM.
     *
     * @param args the command line.
     * @return what it did.
     */
    static CliRun of(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Ipc.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Both outputs, for failure messages.
     *
     * @return a description.
     */
    String report()
    {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
