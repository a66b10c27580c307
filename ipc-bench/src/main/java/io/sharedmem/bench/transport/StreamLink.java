/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * A {@link Link} over byte streams: a framed sender and receiver, and the files or sockets to close.
 *
 * @param sender    the framed sender.
 * @param receiver  the framed receiver.
 * @param observed  settings observed when connecting.
 * @param resources what to close, in order.
 */
record StreamLink(
    StreamFraming.Sender sender,
    StreamFraming.Receiver receiver,
    Map<String, String> observed,
    Closeable... resources) implements Link
{
    @Override
    public Map<String, String> observedSettings()
    {
        return observed;
    }

    @Override
    public void close() throws IOException
    {
        IOException failure = null;
        for (final Closeable resource : resources)
        {
            try
            {
                resource.close();
            }
            catch (final IOException ex)
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
