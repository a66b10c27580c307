/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.examples.block.Reader;
import io.sharedmem.examples.block.Writer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ipc example writer|reader}: runs the writer/reader pair of {@code ipc-examples}, one per terminal. They
 * print to the process's own standard output, like the programs they are.
 */
@Command(name = "example", description = {
    "Run the writer/reader example: 'ipc example writer' in one terminal, then 'ipc example reader' in another."})
final class ExampleCommand extends BlockCommand
{
    /**
     * The examples this command runs.
     */
    enum Program
    {
        writer, reader
    }

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "writer or reader.")
    Program program;

    @Option(names = "--name", paramLabel = "NAME", description = "The block's name; default MyMemory.")
    String name;

    @Option(names = "--timeout", paramLabel = "SECONDS",
        description = "How long the writer waits for the reader; default " + Writer.DEFAULT_TIMEOUT_SECONDS + ".")
    Integer timeoutSeconds;

    @Override
    public Integer call()
    {
        if (null != ipc.dir)
        {
            System.setProperty(io.sharedmem.block.BlockDirectory.DIR_PROP_NAME, directory().toString());
        }
        final List<String> args = new ArrayList<>();
        if (null != name)
        {
            args.add("--name");
            args.add(name);
        }
        out().flush();
        if (Program.writer == program)
        {
            if (null != timeoutSeconds)
            {
                args.add("--timeout");
                args.add(Integer.toString(timeoutSeconds));
            }
            return Writer.run(args.toArray(new String[0]), System.out, System.err);
        }
        if (null != timeoutSeconds)
        {
            throw new IllegalArgumentException("--timeout is for the writer; the reader does not wait");
        }
        return Reader.run(args.toArray(new String[0]), System.out, System.err);
    }
}
