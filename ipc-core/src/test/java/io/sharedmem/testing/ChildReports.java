/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.util.List;

/**
 * Puts the output of every child process a failing test started into its failure report: each {@link ChildJvm}
 * started during the test (alive or not, killed or not) adds its pid, command, exit status, standard output and
 * standard error as a suppressed exception of the failure, so a report never shows one child and hides the other.
 * <p>
 * Registered for every test through JUnit's extension auto-detection ({@code META-INF/services} in this kit and
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in each module's {@code junit-platform.properties}).
 * Tests run one at a time in this project; the list of children is global to the JVM.
 */
public final class ChildReports implements BeforeEachCallback, TestExecutionExceptionHandler
{
    @Override
    public void beforeEach(final ExtensionContext context)
    {
        ChildJvm.forgetStarted();
    }

    @Override
    public void handleTestExecutionException(final ExtensionContext context, final Throwable failure)
        throws Throwable
    {
        final List<ChildJvm> children = ChildJvm.started();
        for (final ChildJvm child : children)
        {
            failure.addSuppressed(new ChildOutput(child.fullReport()));
        }
        throw failure;
    }

    /**
     * One child's output, attached to a failure.
     */
    static final class ChildOutput extends Throwable
    {
        ChildOutput(final String report)
        {
            super(report, null, false, false);
        }

        @Override
        public String toString()
        {
            return "child process output:\n" + getMessage();
        }
    }
}
