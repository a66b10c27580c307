/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.block.BlockDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The {@code ipc} command line: look at, create and remove shared-memory blocks.
 * <p>
 * Each sub-command is one class, listed in {@code subcommands} below; adding a command is adding a class there.
 * Sub-commands that live in another module's jar ({@code bench}, {@code report}) are listed in
 * {@link Programs#FORWARDED} instead and run in a JVM of their own, with that jar. Options given here
 * ({@code --dir}, {@code --verbose}) apply to every sub-command, before or after its name.
 * Exit codes: 0 success, 1 the command failed (one line on standard error; {@code --verbose} adds the stack trace),
 * 2 the command line was wrong (the usage follows the message).
 * <p>
 * An instance serves one run of one command line; not thread-safe.
 */
@Command(
    name = "ipc",
    description = "Look at, create and remove shared-memory blocks (the files of /dev/shm) and rings; run the demo and the benchmarks.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    scope = ScopeType.INHERIT,
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeOnInvalidInput = Ipc.EXIT_USAGE,
    exitCodeOnExecutionException = Ipc.EXIT_FAILURE,
    subcommands = {
        LsCommand.class,
        InfoCommand.class,
        DumpCommand.class,
        CreateCommand.class,
        RmCommand.class,
        GcCommand.class,
        ExampleCommand.class,
        DemoCommand.class,
        BridgeCommand.class,
    },
    footer = {
        "",
        "Blocks live in --dir, else the directory in the system property sharedmem.dir,",
        "else in the environment variable SHAREDMEM_DIR, else in /dev/shm on Linux",
        "(where Python's shared_memory blocks live too).",
        "Exit codes: 0 success, 1 failure (one line on standard error), 2 wrong usage."
    })
public final class Ipc implements Callable<Integer>
{
    /**
     * Exit code of a command that failed at run time.
     */
    public static final int EXIT_FAILURE = 1;

    /**
     * Exit code of a wrong command line.
     */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
        description = "Directory of blocks (default: sharedmem.dir, SHAREDMEM_DIR, /dev/shm).")
    Path dir;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
        description = "On failure, print the stack trace too.")
    boolean verbose;

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        final PrintWriter out = new PrintWriter(System.out, true);
        final PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }

    /**
     * Runs a command line, printing to the given writers; a forwarded sub-command runs in a JVM of its own
     * ({@link Programs}), which prints to this process's standard output and error.
     *
     * @param out  standard output.
     * @param err  standard error.
     * @param args the command line.
     * @return the exit code.
     */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        final Programs.Forwarded forwarded = forwarded(args);
        if (null == forwarded)
        {
            final int code = commandLine(out, err).execute(args);
            out.flush();
            err.flush();
            return code;
        }
        out.flush();
        err.flush();
        try (Programs programs = new Programs())
        {
            return programs.forward(forwarded, args);
        }
        catch (final Exception ex)
        {
            err.println("ipc " + forwarded.name() + ": " + oneLine(ex));
            err.flush();
            return EXIT_FAILURE;
        }
    }

    /**
     * The configured command line: writers, exit codes and the one-line error handler. A forwarded sub-command
     * ({@link Programs#FORWARDED}) whose class is on the class path (in the JVM a forward starts) is mounted as it
     * is; elsewhere it is only named, for the list of commands.
     *
     * @param out standard output.
     * @param err standard error.
     * @return the command line, ready to execute.
     * @throws IllegalStateException if a forwarded command's class is there but cannot be created.
     */
    public static CommandLine commandLine(final PrintWriter out, final PrintWriter err)
    {
        final Ipc ipc = new Ipc();
        final CommandLine commandLine = new CommandLine(ipc);
        for (final Programs.Forwarded forwarded : Programs.FORWARDED)
        {
            final Class<?> command = load(forwarded);
            if (null != command)
            {
                try
                {
                    commandLine.addSubcommand(forwarded.name(), command.getConstructor().newInstance());
                }
                catch (final ReflectiveOperationException ex)
                {
                    throw new IllegalStateException("cannot create the " + forwarded.name() + " command", ex);
                }
            }
            else
            {
                // Here only for the list of commands: a run of it is forwarded before parsing (execute).
                final CommandSpec stub = CommandSpec.create().name(forwarded.name());
                stub.usageMessage().description(forwarded.description());
                commandLine.addSubcommand(forwarded.name(), stub);
            }
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            final PrintWriter e = cmd.getErr();
            // A bad block name or size is a wrong command line, found only once the value was looked at.
            final boolean usage = ex instanceof IllegalArgumentException;
            e.println(cmd.getCommandName().equals("ipc") ? "ipc: " + oneLine(ex) :
                "ipc " + cmd.getCommandName() + ": " + oneLine(ex));
            if (ipc.verbose)
            {
                ex.printStackTrace(e);
            }
            else if (usage)
            {
                e.println("See 'ipc " + cmd.getCommandName() + " --help'.");
            }
            e.flush();
            return usage ? EXIT_USAGE : EXIT_FAILURE;
        });
        return commandLine;
    }

    /**
     * No sub-command: that is a usage error.
     *
     * @return never.
     * @throws CommandLine.ParameterException always.
     */
    @Override
    public Integer call()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: try 'ipc ls'.");
    }

    /**
     * The block directory for this run.
     *
     * @return {@code --dir}, or the default directory.
     */
    Path directory()
    {
        return null != dir ? dir.toAbsolutePath() : BlockDirectory.resolve();
    }

    /**
     * How {@link #directory()} was chosen, for headings.
     *
     * @return a short description.
     */
    String directorySource()
    {
        return null != dir ? "--dir" : BlockDirectory.source();
    }

    /**
     * The forwarded sub-command this command line runs, if its class is not here: the first argument that is not
     * one of this command's own options names it.
     */
    private static Programs.Forwarded forwarded(final String... args)
    {
        for (int i = 0; i < args.length; i++)
        {
            if ("--dir".equals(args[i]))
            {
                i++;
            }
            else if (!args[i].startsWith("--dir=") && !"--verbose".equals(args[i]))
            {
                for (final Programs.Forwarded forwarded : Programs.FORWARDED)
                {
                    if (forwarded.name().equals(args[i]) && null == load(forwarded))
                    {
                        return forwarded;
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static Class<?> load(final Programs.Forwarded forwarded)
    {
        try
        {
            return Class.forName(forwarded.command(), false, Ipc.class.getClassLoader());
        }
        catch (final ClassNotFoundException ex)
        {
            return null;
        }
    }

    private static String oneLine(final Throwable ex)
    {
        final String message = null != ex.getMessage() ? ex.getMessage() : ex.toString();
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
