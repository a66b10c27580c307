/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.testing;

import io.sharedmem.PeerDeadException;
import io.sharedmem.channel.Channels;
import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.channel.MessageProducer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One application, written against the channel interfaces only, that tests run in child JVMs over any channel
 * string: the same class over {@code shm:} and {@code aeron:}. Arguments: a mode, then {@code key=value} options.
 * <ul>
 *     <li>{@code produce channel= run= count= min= max= large= seed= claim= rate= progress=}: sends data messages
 *     {@code 0 .. count-1} of {@link CheckedMessages} (by {@code write}, waiting for room and for a consumer, or by
 *     {@code tryClaim}/{@code commit} with {@code claim=true}), at most {@code rate} a second if given, then an end
 *     message; prints {@code producing RUN}, {@code sent RUN SEQ} every {@code progress} messages,
 *     {@code peer-dead RUN SEQ} whenever {@code write} reports the consumer gone, and {@code produced RUN COUNT}.</li>
 *     <li>{@code consume channel= min= max= large= seed= runs= progress=}: checks every message completely and prints
 *     what it saw of each producer's run (runs may interleave): {@code newrun RUN SEQ} for a run's first message, {@code gap RUN EXPECTED
 *     GOT}, {@code dup RUN SEQ} (the previous message again), {@code at RUN SEQ} every {@code progress} messages,
 *     {@code peer-dead} when {@code read} reports the producer gone, {@code end RUN COUNT LAST} at a run's end
 *     message (LAST: the run's last sequence number received, -1 if none); after {@code runs} end messages, {@code consumed MESSAGES BYTES} and exit 0. A torn message, a wrong
 *     type or length, or a sequence number going back further than one: {@code ERROR ...} and exit 2.</li>
 * </ul>
 * Output is flushed line by line, so a test can follow a child it is about to kill.
 */
public final class ChannelChild
{
    private ChannelChild()
    {
    }

    /**
     * Entry point.
     *
     * @param args mode and options.
     */
    public static void main(final String[] args)
    {
        final Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++)
        {
            final int eq = args[i].indexOf('=');
            o.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        final CheckedMessages messages = new CheckedMessages(
            Integer.parseInt(o.getOrDefault("min", "20")), Integer.parseInt(o.getOrDefault("max", "4096")),
            Integer.parseInt(o.getOrDefault("large", "0")), Long.parseLong(o.getOrDefault("seed", "42")));
        final PrintStream out = System.out;
        switch (args[0])
        {
            case "produce" -> produce(o, messages, out);
            case "consume" -> System.exit(consume(o, messages, out));
            default -> throw new IllegalArgumentException("mode " + args[0]);
        }
    }

    private static void produce(final Map<String, String> o, final CheckedMessages messages, final PrintStream out)
    {
        final long run = Long.parseLong(o.getOrDefault("run", "1"));
        final long count = Long.parseLong(o.getOrDefault("count", "1000"));
        final boolean claim = Boolean.parseBoolean(o.getOrDefault("claim", "false"));
        final long rate = Long.parseLong(o.getOrDefault("rate", "0"));
        final long progress = Long.parseLong(o.getOrDefault("progress", "100000"));
        final IdleStrategy idle = new BackoffIdleStrategy();
        try (MessageProducer producer = Channels.producer(o.get("channel")))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Math.max(messages.maxLength(), 16)]);
            out.println("producing " + run);
            out.flush();
            final long start = System.nanoTime();
            for (long seq = 0; count < 0 || seq < count; seq++)
            {
                if (rate > 0)
                {
                    final long due = start + seq * TimeUnit.SECONDS.toNanos(1) / rate;
                    while (System.nanoTime() - due < 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                if (claim)
                {
                    final int length = messages.length(seq);
                    int index;
                    idle.reset();
                    while ((index = producer.tryClaim(CheckedMessages.typeId(seq), length)) < 0)
                    {
                        idle.idle();
                    }
                    messages.fill(producer.buffer(), index, run, seq);
                    producer.commit(index);
                }
                else
                {
                    final int length = messages.fill(buffer, 0, run, seq);
                    send(producer, CheckedMessages.typeId(seq), buffer, length, run, seq, idle, out);
                }
                if (progress > 0 && seq % progress == progress - 1)
                {
                    out.println("sent " + run + " " + seq);
                    out.flush();
                }
            }
            buffer.putLong(0, run);
            buffer.putLong(8, count);
            send(producer, CheckedMessages.END_TYPE, buffer, 16, run, count, idle, out);
            out.println("produced " + run + " " + count);
            out.flush();
        }
    }

    private static void send(
        final MessageProducer producer, final int typeId, final UnsafeBuffer buffer, final int length,
        final long run, final long seq, final IdleStrategy idle, final PrintStream out)
    {
        while (true)
        {
            try
            {
                if (producer.write(typeId, buffer, 0, length, idle, Duration.ofSeconds(1)))
                {
                    return;
                }
            }
            catch (final PeerDeadException ex)
            {
                out.println("peer-dead " + run + " " + seq);
                out.flush();
            }
        }
    }

    private static int consume(final Map<String, String> o, final CheckedMessages messages, final PrintStream out)
    {
        final Checker checker = new Checker(messages, out, Integer.parseInt(o.getOrDefault("runs", "1")),
            Long.parseLong(o.getOrDefault("progress", "100000")));
        try (MessageConsumer consumer = Channels.consumer(o.get("channel")))
        {
            out.println("consuming");
            out.flush();
            final IdleStrategy idle = consumer.idleStrategy();
            while (checker.endsLeft > 0 && null == checker.error)
            {
                try
                {
                    consumer.read(checker, 256, idle, Duration.ofSeconds(1));
                }
                catch (final PeerDeadException ex)
                {
                    out.println("peer-dead");
                    out.flush();
                }
            }
        }
        if (null != checker.error)
        {
            out.println("ERROR " + checker.error);
            out.flush();
            return 2;
        }
        out.println("consumed " + checker.messages + " " + checker.bytes);
        out.flush();
        return 0;
    }

    /**
     * Checks each message and reports what it saw of the runs. Allocation-free per message.
     */
    private static final class Checker implements MessageHandler
    {
        private static final long NONE = -1;

        private final CheckedMessages source;
        private final PrintStream out;
        private final long progress;
        private final Long2LongHashMap expected = new Long2LongHashMap(NONE);
        int endsLeft;
        long messages;
        long bytes;
        String error;

        Checker(final CheckedMessages messages, final PrintStream out, final int runs, final long progress)
        {
            this.source = messages;
            this.out = out;
            this.endsLeft = runs;
            this.progress = progress;
        }

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            if (null != error)
            {
                return;
            }
            if (CheckedMessages.END_TYPE == msgTypeId)
            {
                final long endRun = buffer.getLong(index);
                final long next = expected.get(endRun);
                out.println("end " + endRun + " " + buffer.getLong(index + 8) + " " + (NONE == next ? -1 : next - 1));
                out.flush();
                endsLeft--;
                return;
            }
            error = source.check(msgTypeId, buffer, index, length);
            if (null != error)
            {
                return;
            }
            final long run = CheckedMessages.run(buffer, index);
            final long seq = CheckedMessages.seq(buffer, index);
            final long expected = this.expected.get(run);
            if (NONE == expected)
            {
                out.println("newrun " + run + " " + seq);
                out.flush();
            }
            else if (seq == expected - 1)
            {
                out.println("dup " + run + " " + seq);
                out.flush();
            }
            else if (seq > expected)
            {
                out.println("gap " + run + " " + expected + " " + seq);
                out.flush();
            }
            else if (seq < expected)
            {
                error = "run " + run + ": seq " + seq + " after " + (expected - 1);
                return;
            }
            this.expected.put(run, seq + 1);
            messages++;
            bytes += length;
            if (progress > 0 && messages % progress == 0)
            {
                out.println("at " + run + " " + seq);
                out.flush();
            }
        }
    }

    /**
     * What a consuming child printed, taken apart for assertions.
     */
    public static final class ConsumerLog
    {
        /**
         * First sequence number received of each run, in the order runs appeared.
         */
        public final Map<Long, Long> firstSeq = new java.util.LinkedHashMap<>();
        /**
         * Each end message: run to {count announced, last sequence number received}.
         */
        public final Map<Long, long[]> ends = new java.util.LinkedHashMap<>();
        /**
         * Each gap: {run, expected, got}.
         */
        public final java.util.List<long[]> gaps = new java.util.ArrayList<>();
        /**
         * Each duplicate: {run, seq}.
         */
        public final java.util.List<long[]> dups = new java.util.ArrayList<>();
        /**
         * How often the consumer was told its producer is gone.
         */
        public int peerDeads;
        /**
         * The last {@code at} line's {run, seq}, or {@code null}.
         */
        public long[] lastAt;
        /**
         * The {@code ERROR} line, or {@code null}.
         */
        public String error;
        /**
         * Messages and bytes of the {@code consumed} line, or {@code null}.
         */
        public long[] consumed;

        /**
         * Whether a run arrived complete: from its first message, with no gap or repeat, up to its end message, and
         * no message of any run failed its checks.
         *
         * @param run   the run id.
         * @param count the messages it sent.
         * @return {@code null} if complete, else what is missing.
         */
        public String incomplete(final long run, final long count)
        {
            if (null != error)
            {
                return error;
            }
            if (!Long.valueOf(0).equals(firstSeq.get(run)))
            {
                return "run " + run + " began at " + firstSeq.get(run);
            }
            for (final long[] event : gaps)
            {
                if (event[0] == run)
                {
                    return "run " + run + " has a gap from " + event[1] + " to " + event[2];
                }
            }
            for (final long[] event : dups)
            {
                if (event[0] == run)
                {
                    return "run " + run + " repeated " + event[1];
                }
            }
            final long[] end = ends.get(run);
            return null != end && end[0] == count && end[1] == count - 1 ? null : "run " + run + " ended with " +
                (null == end ? "no end message" : "count " + end[0] + " and last " + end[1]);
        }

        /**
         * Parses a consuming child's output.
         *
         * @param lines its standard output.
         * @return the log.
         */
        public static ConsumerLog parse(final java.util.List<String> lines)
        {
            final ConsumerLog log = new ConsumerLog();
            for (final String line : lines)
            {
                final String[] f = line.split(" ");
                switch (f[0])
                {
                    case "newrun" -> log.firstSeq.put(Long.parseLong(f[1]), Long.parseLong(f[2]));
                    case "end" -> log.ends.put(Long.parseLong(f[1]),
                        new long[]{ Long.parseLong(f[2]), Long.parseLong(f[3]) });
                    case "gap" -> log.gaps.add(new long[]{ Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3]) });
                    case "dup" -> log.dups.add(new long[]{ Long.parseLong(f[1]), Long.parseLong(f[2]) });
                    case "peer-dead" -> log.peerDeads++;
                    case "at" -> log.lastAt = new long[]{ Long.parseLong(f[1]), Long.parseLong(f[2]) };
                    case "ERROR" -> log.error = line;
                    case "consumed" -> log.consumed = new long[]{ Long.parseLong(f[1]), Long.parseLong(f[2]) };
                    default ->
                    {
                    }
                }
            }
            return log;
        }
    }
}
