/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.block;

import io.sharedmem.NoSuchBlockException;
import io.sharedmem.SharedBlock;
import io.sharedmem.SharedMemoryException;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;

/**
 * The second of a pair of programs sharing one block: attaches to {@value MyMemory#NAME}, which the {@link Writer}
 * created, prints every byte (the writer's half is there, the rest is zero), then writes the second half, which the
 * writer is waiting for.
 * <pre>
 * Reader [--name NAME]      (default: MyMemory)
 * </pre>
 * Started before the writer, it says so in one line and exits with code 1. Exit codes: 0 done, 1 no block (or
 * another failure, in one line), 2 bad arguments.
 */
public final class Reader
{
    private Reader()
    {
    }

    /**
     * Runs the reader and exits with its exit code.
     *
     * @param args {@code [--name NAME]}.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the reader.
     *
     * @param args {@code [--name NAME]}.
     * @param out  where to print progress and the bytes.
     * @param err  where to print errors: one line each.
     * @return the exit code.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        String name = MyMemory.NAME;
        for (int i = 0; i < args.length; i++)
        {
            if ("--name".equals(args[i]) && i + 1 < args.length)
            {
                name = args[++i];
            }
            else
            {
                err.println("Reader: unexpected argument \"" + args[i] + "\"; usage: Reader [--name NAME]");
                return 2;
            }
        }

        try (SharedBlock block = SharedBlock.attach(name))
        {
            if (block.size() != MyMemory.SIZE)
            {
                err.println("Reader: block \"" + name + "\" has " + block.size() + " bytes, not the " +
                    MyMemory.SIZE + " the Writer makes; is it another program's block?");
                return 1;
            }
            out.println("Reader: attached to block \"" + name + "\" (" + block.size() + " bytes) at " +
                block.path() + ":");
            final AtomicBuffer buffer = block.buffer();
            MyMemory.print(buffer, out);

            final UnsafeBuffer half = new UnsafeBuffer(new byte[MyMemory.SIZE - MyMemory.HALF]);
            for (int i = MyMemory.HALF; i < MyMemory.SIZE; i++)
            {
                half.putByte(i - MyMemory.HALF, MyMemory.readerByte(i));
            }
            final int last = MyMemory.DONE_OFFSET - MyMemory.HALF;
            buffer.putBytes(MyMemory.HALF, half, 0, last);
            // Release: the writer, reading these last 8 bytes with acquire, then sees every byte written before.
            buffer.putLongRelease(MyMemory.DONE_OFFSET, half.getLong(last));
            out.println("Reader: wrote bytes " + MyMemory.HALF + "-" + (MyMemory.SIZE - 1) + "; the Writer prints " +
                "them and removes the block");
            return 0;
        }
        catch (final NoSuchBlockException ex)
        {
            err.println("Reader: block \"" + name + "\" does not exist yet: start the Writer first, then the Reader.");
            return 1;
        }
        catch (final SharedMemoryException | IllegalArgumentException ex)
        {
            err.println("Reader: " + ex.getMessage());
            return 1;
        }
    }
}
