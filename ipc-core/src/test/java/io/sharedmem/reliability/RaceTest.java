/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.SharedBlock;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.CrashWatch;
import io.sharedmem.testing.RaceControl;
import io.sharedmem.testing.ReliabilityFigures;
import io.sharedmem.testing.TestBlocks;
import io.sharedmem.testing.Trials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Races between real processes on one ring, each repeated round after round with a {@link RaceControl} starting every
 * racer within microseconds of the others:
 * <ul>
 *     <li>8 processes creating one name at once: exactly one wins, the others get {@code BlockExistsException}, and
 *     nobody sees a half-written header;</li>
 *     <li>attach racing create: the attacher fails cleanly (no such block) or gets a fully formatted ring;</li>
 *     <li>unlink racing attach and create-or-attach: each gets a clean "no such block" or a fully formatted ring;</li>
 *     <li>two successors racing for a dead holder's role: exactly one gets it, the other a
 *     {@code RoleTakenException} naming the winner.</li>
 * </ul>
 */
class RaceTest
{
    private static final int CAPACITY = 4096;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    private final List<String> problems = new ArrayList<>();

    /**
     * One race: its children, its control block, its figures.
     */
    private final class Race implements AutoCloseable
    {
        final String test;
        final String base;
        final int rounds;
        final ReliabilityFigures figures;
        final CrashWatch watch;
        final SharedBlock controlBlock;
        final RaceControl control;
        final List<ChildJvm> racers = new ArrayList<>();
        final SplittableRandom random;

        Race(final String test, final String kind, final int rounds)
        {
            this.test = test;
            final long seed = Trials.seed(test);
            this.random = new SplittableRandom(seed);
            this.base = blocks.newName("race");
            this.rounds = rounds;
            this.figures = new ReliabilityFigures(test, seed);
            figures.trialKind = kind;
            this.watch = new CrashWatch(test);
            this.controlBlock = SharedBlock.create(blocks.newName("control"), RaceControl.SIZE);
            this.control = new RaceControl(controlBlock);
            control.reset();
        }

        void start(final int count, final String mode) throws Exception
        {
            for (int i = 0; i < count; i++)
            {
                racers.add(watch.start(RaceChild.class, mode, "base=" + base, "rounds=" + rounds,
                    "control=" + controlBlock.name(), "capacity=" + CAPACITY));
            }
        }

        /**
         * Starts round {@code r} and returns every racer's line for it, in racer order.
         */
        List<String> run(final int r) throws InterruptedException
        {
            control.start(r, 40 + random.nextInt(20));
            final List<String> lines = new ArrayList<>();
            for (final ChildJvm racer : racers)
            {
                try
                {
                    lines.add(racer.awaitLine((l) -> l.startsWith("r=" + r + " "), WAIT)
                        .substring(("r=" + r + " ").length()));
                }
                catch (final AssertionError ex)
                {
                    figures.hangs++;
                    problems.add(ex.getMessage());
                    lines.add("missing");
                }
            }
            figures.trials++;
            for (final String line : lines)
            {
                if (line.startsWith("error") || line.contains(" error") || "missing".equals(line))
                {
                    figures.unclearAnswers += "missing".equals(line) ? 0 : 1;
                    problems.add("round " + r + ": " + line);
                }
            }
            return lines;
        }

        void finish() throws InterruptedException
        {
            for (final ChildJvm racer : racers)
            {
                try
                {
                    if (0 != racer.awaitExit(WAIT))
                    {
                        figures.unclearAnswers++;
                        problems.add(racer.fullReport());
                    }
                }
                catch (final AssertionError ex)
                {
                    figures.hangs++;
                    problems.add(ex.getMessage());
                }
            }
        }

        @Override
        public void close()
        {
            figures.jvmCrashes = watch.crashes();
            figures.write();
            watch.close();
            controlBlock.close();
        }
    }

    @Test
    void eightProcessesCreatingOneNameExactlyOneWinsAndNobodySeesAHalfWrittenHeader() throws Exception
    {
        final int rounds = Trials.scaled(3, 30);
        try (Race race = new Race("RaceTest#eightProcessesCreatingOneName", "8 processes create one name", rounds))
        {
            race.start(8, "create");
            for (int r = 0; r < rounds; r++)
            {
                final List<String> lines = race.run(r);
                final long won = lines.stream().filter("won"::equals).count();
                final long exists = lines.stream().filter("exists ok"::equals).count();
                if (1 != won || 7 != exists)
                {
                    race.figures.unclearAnswers++;
                    problems.add("round " + r + ": " + won + " winners, " + exists + " clean losers: " + lines);
                }
                race.control.end(r);
            }
            race.finish();
            assertEquals(0, race.figures.violations(), problems.toString());
        }
    }

    @Test
    void attachRacingCreateFailsCleanlyOrSeesAFullyFormattedRing() throws Exception
    {
        final int rounds = Trials.scaled(3, 30);
        try (Race race = new Race("RaceTest#attachRacingCreate", "attach racing create", rounds))
        {
            race.start(1, "create");
            race.start(3, "attach");
            long cleanFailures = 0;
            for (int r = 0; r < rounds; r++)
            {
                final List<String> lines = race.run(r);
                for (final String line : lines.subList(1, lines.size()))
                {
                    if (!line.matches("attached \\d+ ok"))
                    {
                        race.figures.unclearAnswers++;
                        problems.add("round " + r + ": " + line);
                    }
                    else
                    {
                        cleanFailures += Long.parseLong(line.split(" ")[1]);
                    }
                }
                race.control.end(r);
            }
            race.finish();
            System.out.println("attachers failed cleanly " + cleanFailures + " times before the ring appeared");
            assertEquals(0, race.figures.violations(), problems.toString());
        }
    }

    @Test
    void unlinkRacingAttachGivesNoSuchBlockOrAFullyFormattedRing() throws Exception
    {
        final int rounds = Trials.scaled(3, 30);
        try (Race race = new Race("RaceTest#unlinkRacingAttach", "unlink racing attach and createOrAttach", rounds))
        {
            for (int r = 0; r < rounds; r++)
            {
                SpscRing.create(race.base + "-" + r, CAPACITY).close();
            }
            race.start(1, "unlink");
            race.start(2, "attachOnce");
            race.start(1, "createOrAttach");
            int gone = 0;
            int created = 0;
            for (int r = 0; r < rounds; r++)
            {
                final List<String> lines = race.run(r);
                if (!"unlinked".equals(lines.get(0)))
                {
                    race.figures.unclearAnswers++;
                    problems.add("round " + r + ": the unlinker said " + lines.get(0));
                }
                for (final String line : lines.subList(1, 3))
                {
                    gone += "gone".equals(line) ? 1 : 0;
                    if (!"gone".equals(line) && !"attached ok".equals(line))
                    {
                        race.figures.unclearAnswers++;
                        problems.add("round " + r + ": " + line);
                    }
                }
                created += lines.get(3).startsWith("created") ? 1 : 0;
                if (!"created ok".equals(lines.get(3)) && !"attached ok".equals(lines.get(3)))
                {
                    race.figures.unclearAnswers++;
                    problems.add("round " + r + ": createOrAttach said " + lines.get(3));
                }
                race.control.end(r);
            }
            race.finish();
            System.out.println("attachers found the name gone " + gone + " times; createOrAttach created a new ring " +
                created + " times");
            assertEquals(0, race.figures.violations(), problems.toString());
        }
    }

    @Test
    void twoSuccessorsRacingForADeadHoldersRoleExactlyOneGetsIt() throws Exception
    {
        final int rounds = Trials.scaled(3, 30);
        try (Race race = new Race("RaceTest#twoSuccessorsRacing", "2 successors race for a dead holder's role",
            rounds))
        {
            for (int r = 0; r < rounds; r++)
            {
                SpscRing.create(race.base + "-" + r, CAPACITY).close();
            }
            try (ChildJvm holder = race.watch.start(RaceChild.class, "hold", "base=" + race.base,
                "rounds=" + rounds))
            {
                holder.awaitLineStartingWith("holding", WAIT);
                race.watch.kill(holder);
            }
            race.start(2, "successor");
            for (int r = 0; r < rounds; r++)
            {
                final List<String> lines = race.run(r);
                final List<String> winners = new ArrayList<>();
                int losers = 0;
                for (int i = 0; i < 2; i++)
                {
                    final String line = lines.get(i);
                    if (line.equals("got " + race.racers.get(i).pid() + " true"))
                    {
                        winners.add(Long.toString(race.racers.get(i).pid()));
                    }
                    else if (line.startsWith("taken "))
                    {
                        losers++;
                    }
                }
                final String loser = lines.stream().filter((l) -> l.startsWith("taken ")).findFirst().orElse("");
                if (1 != winners.size() || 1 != losers || !loser.contains("pid " + winners.get(0)))
                {
                    if (winners.isEmpty())
                    {
                        race.figures.failedTakeovers++;
                    }
                    else
                    {
                        race.figures.unclearAnswers++;
                    }
                    problems.add("round " + r + ": " + lines);
                }
                race.control.end(r);
            }
            race.finish();
            assertEquals(0, race.figures.violations(), problems.toString());
        }
    }
}
