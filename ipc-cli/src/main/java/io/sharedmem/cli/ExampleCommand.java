/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ipc example writer|reader}: runs the writer/reader pair of {@code ipc-examples}, one per terminal, in a JVM
 * of its own from the examples jar ({@link Programs}), sharing this terminal like the programs they are.
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
        description = "How long the writer waits for the reader; default 60.")
    Integer timeoutSeconds;

    @Override
    public Integer call() throws Exception
    {
        final List<String> args = new ArrayList<>();
        if (null != name)
        {
            args.add("--name");
            args.add(name);
        }
        if (null != timeoutSeconds)
        {
            if (Program.reader == program)
            {
                throw new IllegalArgumentException("--timeout is for the writer; the reader does not wait");
            }
            args.add("--timeout");
            args.add(Integer.toString(timeoutSeconds));
        }
        out().flush();
        try (Programs programs = new Programs())
        {
            return programs.start(List.of(Programs.jar(Programs.EXAMPLES_JAR)), "io.sharedmem.examples.block." +
                (Program.writer == program ? "Writer" : "Reader"), args, directory()).waitFor();
        }
    }
}
