/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The rules for block names, which are those of POSIX shared memory ({@code shm_open}) so that a name means the same
 * block to this library and to Python's {@code multiprocessing.shared_memory}.
 * <p>
 * A name is 1 to {@value #MAX_NAME_BYTES} bytes of UTF-8 after an optional leading {@code /}, holds no further
 * {@code /} and no NUL, and is neither {@code .} nor {@code ..}. Names are checked before the file system is touched.
 * <p>
 * This class is stateless and thread-safe.
 */
public final class BlockNames
{
    /**
     * Longest name in bytes: a file name's limit ({@code NAME_MAX}) on Linux.
     */
    public static final int MAX_NAME_BYTES = 255;

    /**
     * Prefix of generated names; the same as Python's, so tools that recognise one recognise the other.
     */
    public static final String GENERATED_PREFIX = "psm_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private BlockNames()
    {
    }

    /**
     * Checks a name and returns it without its optional leading {@code /}.
     *
     * @param name the name as the user wrote it.
     * @return the name as it appears in the block directory.
     * @throws IllegalArgumentException naming the offending value when the name breaks a rule.
     */
    public static String normalise(final String name)
    {
        if (null == name)
        {
            throw new IllegalArgumentException("block name is null: give a name of 1 to 255 bytes, such as \"orders\"");
        }

        final String bare = name.startsWith("/") ? name.substring(1) : name;
        if (bare.isEmpty())
        {
            throw new IllegalArgumentException(
                "block name " + quote(name) + " is empty: give a name of 1 to 255 bytes, such as \"orders\"");
        }
        if (bare.indexOf('/') >= 0)
        {
            throw new IllegalArgumentException(
                "block name " + quote(name) + " contains '/' after the optional leading one: block names are flat");
        }
        if (bare.indexOf('\0') >= 0)
        {
            throw new IllegalArgumentException("block name " + quote(name) + " contains a NUL character");
        }
        if (".".equals(bare) || "..".equals(bare))
        {
            throw new IllegalArgumentException("block name " + quote(name) + " is reserved by the file system");
        }
        final int bytes = bare.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES)
        {
            throw new IllegalArgumentException(
                "block name " + quote(abbreviate(bare)) + " is " + bytes + " bytes long in UTF-8; the limit is " +
                MAX_NAME_BYTES);
        }

        return bare;
    }

    /**
     * A fresh random name of the form {@code psm_} followed by 8 hexadecimal digits, as Python generates.
     *
     * @return a name that is very likely unused; the caller still creates it exclusively.
     */
    public static String generate()
    {
        return GENERATED_PREFIX + String.format("%08x", RANDOM.nextInt());
    }

    /**
     * A name as it can be shown on one line of a message or a listing: control characters (NUL, newline, ...) as
     * Java-style escapes (a backslash, {@code u} and four hexadecimal digits), everything else as it is.
     *
     * @param name a block or file name, valid or not.
     * @return the printable form.
     */
    public static String printable(final String name)
    {
        final StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String quote(final String name)
    {
        return '"' + printable(name) + '"';
    }

    private static String abbreviate(final String name)
    {
        return name.length() <= 40 ? name : name.substring(0, 32) + "...";
    }
}
