/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SizesTest
{
    @Test
    void suffixesArePowersOf1024InAnyCase()
    {
        assertEquals(4096, Sizes.parse("4k"));
        assertEquals(4096, Sizes.parse("4K"));
        assertEquals(4096, Sizes.parse("4KiB"));
        assertEquals(4096, Sizes.parse("4kb"));
        assertEquals(1L << 20, Sizes.parse("1m"));
        assertEquals(1L << 30, Sizes.parse("1g"));
        assertEquals(123, Sizes.parse("123"));
        assertEquals(0x1000, Sizes.parse("0x1000"));
    }

    @Test
    void nonsenseNegativeAndOverflowingSizesAreRejected()
    {
        for (final String text : new String[] {"", "k", "-1", "1.5m", "lots", "99999999999999999g", "4 k"})
        {
            assertThrows(CommandLine.TypeConversionException.class, () -> Sizes.parse(text), text);
        }
    }

    @Test
    void humanSizesUseBinaryUnits()
    {
        assertEquals("512 B", Sizes.human(512));
        assertEquals("1.0 KiB", Sizes.human(1024));
        assertEquals("1.5 MiB", Sizes.human(3L << 19));
        assertEquals("2.0 GiB", Sizes.human(2L << 30));
    }
}
