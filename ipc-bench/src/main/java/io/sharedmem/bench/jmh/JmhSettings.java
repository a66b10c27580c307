/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.jmh;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The settings every micro-benchmark here inherits (JMH reads these annotations from superclasses): average time
 * per operation in nanoseconds, 3 warm-up and 5 measured iterations of one second, one fork. The fork gets
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}, which Agrona needs on Java 17; the manifest's
 * {@code Add-Exports} does not reach JMH's forks, which start with {@code -cp}.
 * <p>
 * Any of these can be overridden on the command line ({@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx256m" })
public abstract class JmhSettings
{
    /**
     * For subclasses.
     */
    protected JmhSettings()
    {
    }
}
