/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.jmh;

import io.sharedmem.SharedBlock;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Blocks for micro-benchmarks: uniquely named, and unlinked as soon as they are mapped, so that a benchmark killed
 * at any point leaves nothing in the block directory (the mapping lives on until the JVM exits).
 * <p>
 * Stateless and thread-safe.
 */
final class BenchBlocks
{
    /**
     * Prefix of every block name the micro-benchmarks use.
     */
    static final String PREFIX = "smbench-";

    private BenchBlocks()
    {
    }

    /**
     * A name no other benchmark or run uses.
     *
     * @param purpose a word for what the block is for, kept in the name.
     * @return the name.
     */
    static String uniqueName(final String purpose)
    {
        return PREFIX + purpose + "-" + ProcessHandle.current().pid() + "-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    /**
     * Creates a block and removes its name at once; the returned block stays mapped until closed.
     *
     * @param purpose a word for what the block is for.
     * @param size    its size in bytes.
     * @return the mapped, already unlinked block.
     */
    static SharedBlock createUnlinked(final String purpose, final long size)
    {
        final SharedBlock block = SharedBlock.create(uniqueName(purpose), size);
        block.unlink();
        return block;
    }
}
