/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.util.Map;

/**
 * A {@link Link} made of a sender, a receiver and what to close: every transport's but Aeron's, whose threads
 * also pause and resume.
 *
 * @param sender    the sender.
 * @param receiver  the receiver.
 * @param observed  settings observed when connecting.
 * @param resources what to close, in order; every one is closed even if an earlier one fails.
 */
record SimpleLink(
    MessageSender sender,
    MessageReceiver receiver,
    Map<String, String> observed,
    AutoCloseable... resources) implements Link
{
    @Override
    public Map<String, String> observedSettings()
    {
        return observed;
    }

    @Override
    public void close() throws Exception
    {
        Exception failure = null;
        for (final AutoCloseable resource : resources)
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                if (null == failure)
                {
                    failure = ex;
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (null != failure)
        {
            throw failure;
        }
    }
}
