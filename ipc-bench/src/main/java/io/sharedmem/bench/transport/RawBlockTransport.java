/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.sharedmem.SharedBlock;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The floor: a message written straight into a fixed slot of a shared block, one slot per direction, with its first
 * 8-byte word (the sequence number) stored last with release semantics and spun on by the reader. At 8 bytes that
 * is one word per direction, each on its own cache lines: the cheapest possible round trip between two processes,
 * which every ring is compared to. There is no queue, so the sender must not send again before the reply: it is
 * measured for round trips only.
 * <pre>
 *   0                        stride                     2 * stride
 *   +------------------------+--------------------------+
 *   | initiator -> responder | responder -> initiator   |   stride = size rounded up to 128 bytes
 *   +------------------------+--------------------------+
 *   slot: | word 0: sequence (written last, release) | bytes 8..size: body |
 * </pre>
 * 128-byte alignment keeps the two directions off each other's cache lines and off the adjacent-line prefetcher's
 * pair.
 */
public final class RawBlockTransport extends Transport
{
    private static final int SLOT_ALIGNMENT = 128;

    /**
     * Creates the transport.
     */
    public RawBlockTransport()
    {
        super("raw-block", Transports.Group.OURS,
            "one slot per direction in a shared block, sequence word spun on (the floor; round trips only)");
    }

    @Override
    public Map<String, String> settings(final LinkSpec spec)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("memory", "block " + spec.blockPrefix() + "raw in the block directory, pre-touched");
        settings.put("slot_stride_bytes", Integer.toString(stride(spec.size())));
        settings.put("commit", "sequence word stored last (putLongRelease), read with getLongVolatile");
        settings.put("wait", "busy spin (Thread.onSpinWait)");
        return settings;
    }

    @Override
    public boolean measuresThroughput()
    {
        return false;
    }

    @Override
    public boolean takesTurns()
    {
        return true;
    }

    @Override
    public Link open(final Side side, final LinkSpec spec)
    {
        final String name = spec.blockPrefix() + "raw";
        final int stride = stride(spec.size());
        final boolean initiator = Side.INITIATOR == side;
        final SharedBlock block = initiator ?
            SharedBlock.options().preTouch(true).create(name, 2L * stride) :
            Rendezvous.awaitAttach(name, Rendezvous.connectDeadline(spec), RingTransport.Agrona::attachBlock);
        final AtomicBuffer buffer = block.buffer();
        final int out = initiator ? 0 : stride;
        final int in = initiator ? stride : 0;
        return new SimpleLink(new SlotSender(buffer, out, spec.size()), new SlotReceiver(buffer, in, spec.size()),
            Map.of(), () ->
            {
                block.close();
                if (initiator)
                {
                    block.unlink();
                }
            });
    }

    private static int stride(final int size)
    {
        return BitUtil.align(size, SLOT_ALIGNMENT);
    }

    private static final class SlotSender implements MessageSender
    {
        private final AtomicBuffer buffer;
        private final int slot;
        private final int size;

        SlotSender(final AtomicBuffer buffer, final int slot, final int size)
        {
            this.buffer = buffer;
            this.slot = slot;
            this.size = size;
        }

        @Override
        public boolean offer(final DirectBuffer source, final int offset, final int length)
        {
            if (length != size)
            {
                throw new IllegalArgumentException("raw-block slots hold " + size + "-byte messages, not " + length);
            }
            // Body first, then the sequence word with release semantics: a reader that sees the new sequence sees
            // the body too (StoreStore).
            buffer.putBytes(slot + Long.BYTES, source, offset + Long.BYTES, length - Long.BYTES);
            buffer.putLongRelease(slot, source.getLong(offset));
            return true;
        }
    }

    private static final class SlotReceiver implements MessageReceiver
    {
        private final AtomicBuffer buffer;
        private final int slot;
        private final int size;
        private long lastSequence;

        SlotReceiver(final AtomicBuffer buffer, final int slot, final int size)
        {
            this.buffer = buffer;
            this.slot = slot;
            this.size = size;
        }

        @Override
        public int poll(final MessageHandler handler, final int limit)
        {
            // The harness never repeats a sequence word, so a changed word is a new message (LoadLoad on acquire).
            final long sequence = buffer.getLongVolatile(slot);
            if (sequence == lastSequence)
            {
                return 0;
            }
            lastSequence = sequence;
            handler.onMessage(RingTransport.MSG_TYPE_ID, buffer, slot, size);
            return 1;
        }
    }
}
