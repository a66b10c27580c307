/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import io.sharedmem.SharedBlock;
import io.sharedmem.testing.TestBlocks;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockNamesTest
{
    @Test
    void emptyNameIsRejected()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise(""));
        assertEquals("block name \"\" is empty: give a name of 1 to 255 bytes, such as \"orders\"", ex.getMessage());
    }

    @Test
    void loneSlashIsAnEmptyName()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise("/"));
        assertEquals("block name \"/\" is empty: give a name of 1 to 255 bytes, such as \"orders\"", ex.getMessage());
    }

    @Test
    void nullNameIsRejected()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise(null));
        assertTrue(ex.getMessage().startsWith("block name is null"), ex.getMessage());
    }

    @Test
    void nameOf256AsciiBytesIsRejectedWithItsLength()
    {
        final String name = "a".repeat(256);
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise(name));
        assertEquals("block name \"" + "a".repeat(32) + "...\" is 256 bytes long in UTF-8; the limit is 255",
            ex.getMessage());
    }

    @Test
    void nameOf128CharactersButOver255BytesIsRejected()
    {
        final String name = "\u00e9".repeat(128); // 2 bytes each in UTF-8: 256 bytes
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise(name));
        assertTrue(ex.getMessage().contains("is 256 bytes long in UTF-8; the limit is 255"), ex.getMessage());
    }

    @Test
    void nameOfExactly255BytesIsAccepted()
    {
        final String name = "b".repeat(255);
        assertEquals(name, BlockNames.normalise(name));
        assertEquals(name, BlockNames.normalise("/" + name));
    }

    @Test
    void slashInsideTheNameIsRejected()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise("orders/today"));
        assertEquals("block name \"orders/today\" contains '/' after the optional leading one: block names are flat",
            ex.getMessage());
    }

    @Test
    void doubleLeadingSlashIsRejected()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise("//orders"));
        assertTrue(ex.getMessage().contains("contains '/'"), ex.getMessage());
    }

    @Test
    void nulInsideTheNameIsRejectedAndShownEscaped()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise("ord\0ers"));
        assertEquals("block name \"ord\\u0000ers\" contains a NUL character", ex.getMessage());
    }

    @Test
    void dotIsRejected()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise("."));
        assertEquals("block name \".\" is reserved by the file system", ex.getMessage());
    }

    @Test
    void dotDotIsRejected()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise("/.."));
        assertEquals("block name \"/..\" is reserved by the file system", ex.getMessage());
    }

    @Test
    void leadingSlashIsDropped()
    {
        assertEquals("orders", BlockNames.normalise("/orders"));
        assertEquals("orders", BlockNames.normalise("orders"));
    }

    @Test
    void generatedNamesArePsmAndEightHexDigits()
    {
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++)
        {
            final String name = BlockNames.generate();
            assertTrue(name.matches("psm_[0-9a-f]{8}"), name);
            assertEquals(name, BlockNames.normalise(name));
            seen.add(name);
        }
        assertTrue(seen.size() > 90, "generated names repeat: " + seen.size() + " distinct of 100");
    }

    @Property
    void validNamesRoundTripWithAndWithoutLeadingSlash(@ForAll("validNames") final String name)
    {
        assertEquals(name, BlockNames.normalise(name));
        assertEquals(name, BlockNames.normalise("/" + name));
    }

    @Property
    void aSlashAnywhereAfterTheFirstCharacterIsRejected(
        @ForAll("validNames") final String before, @ForAll("validNames") final String after)
    {
        assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise(before + "/" + after));
        assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise("/" + before + "/" + after));
    }

    @Property
    void aNulAnywhereIsRejected(@ForAll("validNames") final String before, @ForAll("validNames") final String after)
    {
        assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise(before + "\0" + after));
        assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise("\0" + before));
    }

    @Property
    void namesOverTheByteLimitAreRejectedNamingTheirLength(@ForAll("longNames") final String name)
    {
        final int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BlockNames.normalise(name));
        assertTrue(ex.getMessage().contains("is " + bytes + " bytes long in UTF-8"), ex.getMessage());
    }

    @Property(tries = 25)
    void anyValidNameNamesExactlyThatFileAndAttachesWithOrWithoutSlash(@ForAll("validNames") final String suffix)
        throws Exception
    {
        final String prefix = TestBlocks.PREFIX + "prop-" + ProcessHandle.current().pid() + "-";
        final String name = prefix + suffix;
        Assume.that(name.getBytes(StandardCharsets.UTF_8).length <= BlockNames.MAX_NAME_BYTES);
        try (SharedBlock created = SharedBlock.create(name, 64))
        {
            try
            {
                created.buffer().putLongRelease(0, name.hashCode());
                assertEquals(name, created.path().getFileName().toString());
                try (Stream<Path> files = Files.list(created.directory()))
                {
                    assertEquals(1, files.filter((p) -> p.getFileName().toString().equals(name)).count());
                }
                try (SharedBlock attached = SharedBlock.attach("/" + name))
                {
                    assertEquals(name.hashCode(), attached.buffer().getLongVolatile(0));
                }
            }
            finally
            {
                created.unlink();
            }
        }
    }

    @Provide
    Arbitrary<String> validNames()
    {
        return Arbitraries.strings()
            .withCharRange('!', '~')
            .withCharRange('\u00a0', '\u024f')
            .withCharRange('\u4e00', '\u4fff')
            .withChars(' ', '\t', '\u0001')
            .excludeChars('/')
            .ofMinLength(1)
            .ofMaxLength(120)
            .filter((s) -> s.getBytes(StandardCharsets.UTF_8).length <= BlockNames.MAX_NAME_BYTES)
            .filter((s) -> !".".equals(s) && !"..".equals(s));
    }

    @Provide
    Arbitrary<String> longNames()
    {
        return Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('\u00a0', '\u024f')
            .withCharRange('\u4e00', '\u4fff')
            .ofMinLength(86)
            .ofMaxLength(400)
            .filter((s) -> s.getBytes(StandardCharsets.UTF_8).length > BlockNames.MAX_NAME_BYTES);
    }
}
