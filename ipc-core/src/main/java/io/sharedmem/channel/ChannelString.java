/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel;

import org.agrona.SystemUtil;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A channel string taken apart: {@code SCHEME:TARGET[?KEY=VALUE|KEY=VALUE...]}, such as
 * {@code shm:orders?capacity=1m} (scheme {@code shm}, target {@code orders}) or
 * {@code aeron:udp?endpoint=10.0.0.2:40123|term-length=4m} (scheme {@code aeron}, target {@code udp}). Parameters are
 * separated by {@code |} (as in Aeron's channel URIs) or {@code &}; keys are case-sensitive and appear once each.
 * <p>
 * The typed getters ({@link #size}, {@link #duration}, {@link #bool}, {@link #integer}) report a bad value with an
 * {@link IllegalArgumentException} that names the whole string, the key, the value and the form expected.
 * <p>
 * Immutable and thread-safe.
 */
public final class ChannelString
{
    private static final String FORM = "SCHEME:TARGET[?KEY=VALUE|KEY=VALUE...], such as shm:orders?capacity=1m or " +
        "aeron:udp?endpoint=10.0.0.2:40123";

    private final String text;
    private final String scheme;
    private final String target;
    private final Map<String, String> params;

    private ChannelString(final String text, final String scheme, final String target, final Map<String, String> params)
    {
        this.text = text;
        this.scheme = scheme;
        this.target = target;
        this.params = params;
    }

    /**
     * Takes a channel string apart.
     *
     * @param text such as {@code shm:orders?capacity=1m}.
     * @return the parts.
     * @throws IllegalArgumentException if it is not of the form {@code SCHEME:TARGET[?KEY=VALUE|...]}, naming the
     *                                  string and what is wrong.
     */
    public static ChannelString parse(final String text)
    {
        Objects.requireNonNull(text, "channel");
        if (text.isBlank())
        {
            throw new IllegalArgumentException("the channel string is empty; expected " + FORM);
        }
        final int colon = text.indexOf(':');
        if (colon <= 0)
        {
            throw malformed(text, "it has no scheme (the part before ':')");
        }
        final String scheme = text.substring(0, colon);
        if (!isScheme(scheme))
        {
            throw malformed(text, "scheme \"" + scheme + "\" must be a letter followed by letters, digits, '+', '-' " +
                "or '.'");
        }
        final int question = text.indexOf('?', colon + 1);
        final String target = -1 == question ? text.substring(colon + 1) : text.substring(colon + 1, question);
        final Map<String, String> params = new LinkedHashMap<>();
        if (-1 != question)
        {
            final String query = text.substring(question + 1);
            if (query.isEmpty())
            {
                throw malformed(text, "nothing follows '?'");
            }
            for (final String pair : query.split("[|&]", -1))
            {
                final int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1)
                {
                    throw malformed(text, "parameter \"" + pair + "\" is not KEY=VALUE");
                }
                final String key = pair.substring(0, eq);
                if (null != params.put(key, pair.substring(eq + 1)))
                {
                    throw malformed(text, "parameter \"" + key + "\" is given twice");
                }
            }
        }
        return new ChannelString(text, scheme.toLowerCase(Locale.ROOT), target, Collections.unmodifiableMap(params));
    }

    private static boolean isScheme(final String scheme)
    {
        if (!Character.isLetter(scheme.charAt(0)))
        {
            return false;
        }
        for (int i = 1; i < scheme.length(); i++)
        {
            final char c = scheme.charAt(i);
            if (!Character.isLetterOrDigit(c) && '+' != c && '-' != c && '.' != c)
            {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException malformed(final String text, final String what)
    {
        return new IllegalArgumentException("malformed channel \"" + text + "\": " + what + "; expected " + FORM);
    }

    /**
     * The string as given.
     *
     * @return the text.
     */
    public String text()
    {
        return text;
    }

    /**
     * The scheme, lower case: {@code shm}, {@code aeron}.
     *
     * @return the scheme.
     */
    public String scheme()
    {
        return scheme;
    }

    /**
     * What follows the scheme up to {@code ?}: a ring's name for {@code shm:}, the media ({@code udp}, {@code ipc})
     * for {@code aeron:}.
     *
     * @return the target, possibly empty.
     */
    public String target()
    {
        return target;
    }

    /**
     * Every parameter, in the order given.
     *
     * @return an unmodifiable map.
     */
    public Map<String, String> params()
    {
        return params;
    }

    /**
     * One parameter.
     *
     * @param key its name.
     * @return its value, or {@code null} if absent.
     */
    public String param(final String key)
    {
        return params.get(key);
    }

    /**
     * Refuses parameters this channel does not know, so a typing error is not silently ignored.
     *
     * @param known every key the scheme accepts.
     * @throws IllegalArgumentException naming the string, the unknown key and the known ones.
     */
    public void requireKnown(final Collection<String> known)
    {
        for (final String key : params.keySet())
        {
            if (!known.contains(key))
            {
                throw error("unknown parameter \"" + key + "\" for scheme " + scheme + ":; known: " +
                    String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /**
     * A size parameter: a number of bytes with an optional {@code k}, {@code m} or {@code g} (powers of 1024).
     *
     * @param key          its name.
     * @param defaultValue the value when absent.
     * @return bytes.
     * @throws IllegalArgumentException if the value is not a size.
     */
    public long size(final String key, final long defaultValue)
    {
        final String value = params.get(key);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            final long size = SystemUtil.parseSize(key, value);
            if (size < 0)
            {
                throw new NumberFormatException("negative");
            }
            return size;
        }
        catch (final NumberFormatException ex)
        {
            throw badValue(key, value, "a size such as 65536, 64k or 1m");
        }
    }

    /**
     * A duration parameter: a number with a unit, {@code s}, {@code ms}, {@code us} or {@code ns}.
     *
     * @param key          its name.
     * @param defaultValue the value when absent.
     * @return the duration.
     * @throws IllegalArgumentException if the value is not a positive duration with a unit.
     */
    public Duration duration(final String key, final Duration defaultValue)
    {
        final String value = params.get(key);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            if (!Character.isLetter(value.charAt(value.length() - 1)))
            {
                throw new NumberFormatException("no unit");
            }
            final long ns = SystemUtil.parseDuration(key, value);
            if (ns <= 0)
            {
                throw new NumberFormatException("not positive");
            }
            return Duration.ofNanos(ns);
        }
        catch (final NumberFormatException ex)
        {
            throw badValue(key, value, "a positive duration with a unit, such as 5s or 500ms");
        }
    }

    /**
     * A boolean parameter: {@code true} or {@code false}.
     *
     * @param key          its name.
     * @param defaultValue the value when absent.
     * @return the value.
     * @throws IllegalArgumentException if it is neither.
     */
    public boolean bool(final String key, final boolean defaultValue)
    {
        final String value = params.get(key);
        if (null == value)
        {
            return defaultValue;
        }
        if ("true".equals(value) || "false".equals(value))
        {
            return Boolean.parseBoolean(value);
        }
        throw badValue(key, value, "true or false");
    }

    /**
     * An integer parameter within bounds.
     *
     * @param key          its name.
     * @param defaultValue the value when absent.
     * @param min          the smallest value allowed.
     * @param max          the largest value allowed.
     * @return the value.
     * @throws IllegalArgumentException if it is not an integer within the bounds.
     */
    public int integer(final String key, final int defaultValue, final int min, final int max)
    {
        final String value = params.get(key);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            final int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max)
            {
                return parsed;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // Reported below.
        }
        throw badValue(key, value, "an integer from " + min + " to " + max);
    }

    /**
     * An error about this channel string, for providers to throw.
     *
     * @param what what is wrong and what to do.
     * @return an exception whose message starts with the channel string.
     */
    public IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException("channel \"" + text + "\": " + what);
    }

    private IllegalArgumentException badValue(final String key, final String value, final String expected)
    {
        return error("parameter " + key + "=" + value + " is not " + expected);
    }

    /**
     * The string as given.
     *
     * @return the text.
     */
    @Override
    public String toString()
    {
        return text;
    }
}
