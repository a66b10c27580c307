/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import picocli.CommandLine;

import java.util.Locale;

/**
 * Sizes and offsets as people type them ({@code 4096}, {@code 4k}, {@code 1m}, {@code 1g}, {@code 0x1000}) and as
 * they read them ({@code 4.0 KiB}). Suffixes are powers of 1024, case-insensitive, with an optional {@code b} or
 * {@code ib}.
 * <p>
 * Stateless and thread-safe.
 */
final class Sizes implements CommandLine.ITypeConverter<Long>
{
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    /**
     * Parses a size or offset.
     *
     * @param text such as {@code 4096}, {@code 4k}, {@code 64KiB}, {@code 1g} or {@code 0x1000}.
     * @return the number of bytes, zero or more.
     * @throws CommandLine.TypeConversionException if the text is not a size or is too large.
     */
    static long parse(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        try
        {
            if (t.startsWith("0x"))
            {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            int end = t.length();
            if (t.endsWith("ib"))
            {
                end -= 2;
            }
            else if (t.endsWith("b"))
            {
                end -= 1;
            }
            long unit = 1;
            if (end > 0)
            {
                switch (t.charAt(end - 1))
                {
                    case 'k' -> unit = 1L << 10;
                    case 'm' -> unit = 1L << 20;
                    case 'g' -> unit = 1L << 30;
                    case 't' -> unit = 1L << 40;
                    default -> unit = 1;
                }
                if (unit > 1)
                {
                    end--;
                }
            }
            final String digits = t.substring(0, end);
            if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit))
            {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(Long.parseLong(digits), unit);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a size: use bytes such as 4096, " +
                "or a number with k, m or g (powers of 1024), such as 64k");
        }
    }

    /**
     * Formats a size for people: {@code 512 B}, {@code 4.0 KiB}, {@code 2.0 GiB}.
     *
     * @param bytes the size.
     * @return the text.
     */
    static String human(final long bytes)
    {
        if (bytes < 1024)
        {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    @Override
    public Long convert(final String value)
    {
        return parse(value);
    }
}
