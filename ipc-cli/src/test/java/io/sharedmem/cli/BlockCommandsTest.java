/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.SharedBlock;
import io.sharedmem.block.BlockFiles;
import io.sharedmem.testing.Processes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ls}, {@code info}, {@code dump}, {@code create}, {@code rm} and {@code gc}, in process, each in its own
 * temporary block directory ({@code --dir}).
 */
class BlockCommandsTest
{
    @TempDir
    Path dir;

    private CliRun ipc(final String... args)
    {
        final String[] withDir = new String[args.length + 2];
        System.arraycopy(args, 0, withDir, 0, args.length);
        withDir[args.length] = "--dir";
        withDir[args.length + 1] = dir.toString();
        return CliRun.of(withDir);
    }

    private void createBlock(final String name, final byte[] bytes)
    {
        try (SharedBlock block = SharedBlock.options().directory(dir).create(name, bytes.length))
        {
            block.buffer().putBytes(0, bytes);
        }
    }

    // ---------------------------------------------------------------------------------------------------- ls

    @Test
    void lsOfAnEmptyDirectorySaysSo()
    {
        final CliRun run = ipc("ls");
        assertEquals(0, run.exitCode(), run.report());
        assertEquals("No blocks in " + dir + ".\n", run.out());
    }

    @Test
    void lsShowsNameSizeKindOwnerAndPermissionsOfEachBlock()
    {
        createBlock("orders", new byte[4096]);
        createBlock("a", new byte[10]);
        final CliRun run = ipc("ls");
        assertEquals(0, run.exitCode(), run.report());
        final List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        assertTrue(lines.get(0).matches("NAME +BYTES +SIZE +KIND +OWNER +PERMISSIONS"), lines.get(0));
        final String user = System.getProperty("user.name");
        assertTrue(lines.get(1).matches("a +10 +10 B +raw +" + user + " +rw-------"), lines.get(1));
        assertTrue(lines.get(2).matches("orders +4096 +4\\.0 KiB +raw +" + user + " +rw-------"), lines.get(2));
    }

    @Test
    void lsSkipsLinksDirectoriesAndFifosWithoutFollowingOrBlocking() throws Exception
    {
        createBlock("real", new byte[64]);
        Files.createSymbolicLink(dir.resolve("link"), outsideFile());
        Files.createDirectory(dir.resolve("subdir"));
        Assumptions.assumeTrue(Processes.which("mkfifo").isPresent());
        assertEquals(0, Processes.run(Duration.ofSeconds(10), "mkfifo", dir.resolve("fifo").toString()).exitCode());

        final CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ipc("ls"));
        assertEquals(0, run.exitCode(), run.report());
        assertEquals(2, run.out().lines().count(), run.out());
        assertTrue(run.out().contains("\nreal "), run.out());
    }

    @Test
    void lsShowsANameWithAControlCharacterOnOneLine()
    {
        createBlock("two\nlines", new byte[8]);
        final CliRun run = ipc("ls");
        assertEquals(0, run.exitCode(), run.report());
        assertEquals(2, run.out().lines().count(), run.out());
        assertTrue(run.out().contains("\ntwo\\u000alines "), run.out());
    }

    @Test
    void lsMentionsUnfinishedCreations() throws Exception
    {
        Files.write(dir.resolve(BlockFiles.CREATING_PREFIX + "999999999-abc"), new byte[8]);
        final CliRun run = ipc("ls");
        assertEquals(0, run.exitCode(), run.report());
        assertTrue(run.out().contains("1 unfinished creation(s) (.sharedmem-creating-*) not listed: 'ipc gc' " +
            "removes those whose creator is gone."), run.out());
    }

    @Test
    void lsOfAMissingDirectoryFailsInOneLine()
    {
        final Path missing = dir.resolve("missing");
        final CliRun run = CliRun.of("ls", "--dir", missing.toString());
        assertEquals(1, run.exitCode(), run.report());
        assertEquals("ipc ls: block directory " + missing + " (from --dir) does not exist or is not a directory\n",
            run.err());
    }

    @Test
    void lsCallsAFileRawUnlessItsFirstWordIsTheHeaderMagic() throws Exception
    {
        createBlock("tiny", new byte[] {1, 2});
        assertEquals(BlockKind.RAW, BlockKind.of(dir.resolve("tiny")));
        assertFalse(BlockKind.isFormatted(0));
        assertEquals(BlockKind.UNREADABLE, BlockKind.of(dir.resolve("nothing-here")));
    }

    // ---------------------------------------------------------------------------------------------------- info

    @Test
    void infoDescribesOneBlock()
    {
        createBlock("orders", new byte[2048]);
        final CliRun run = ipc("info", "/orders");
        assertEquals(0, run.exitCode(), run.report());
        final List<String> lines = run.out().lines().toList();
        assertEquals("name:        orders", lines.get(0));
        assertEquals("path:        " + dir.resolve("orders"), lines.get(1));
        assertEquals("size:        2048 bytes (2.0 KiB)", lines.get(2));
        assertEquals("kind:        raw", lines.get(3));
        assertTrue(lines.get(4).matches("owner: +" + System.getProperty("user.name") + " \\(uid \\d+\\)"),
            lines.get(4));
        assertEquals("permissions: rw------- (0600)", lines.get(5));
        assertTrue(lines.get(6).startsWith("modified:    20"), lines.get(6));
    }

    @Test
    void infoOfAMissingBlockNamesItAndTheDirectory()
    {
        final CliRun run = ipc("info", "ghost");
        assertEquals(1, run.exitCode(), run.report());
        assertTrue(run.err().startsWith("ipc info: no block named \"ghost\" in " + dir + " (directory from an " +
            "explicit setting): create it first"), run.err());
    }

    @Test
    void infoRefusesASymbolicLink() throws Exception
    {
        Files.createSymbolicLink(dir.resolve("link"), outsideFile());
        final CliRun run = ipc("info", "link");
        assertEquals(1, run.exitCode(), run.report());
        assertEquals("ipc info: \"link\" at " + dir.resolve("link") + " is not a block: it is a symbolic link, " +
            "and links are never followed\n", run.err());
    }

    // ---------------------------------------------------------------------------------------------------- dump

    @Test
    void dumpPrintsHexAndAsciiExactlyAsXxdDoes()
    {
        Assumptions.assumeTrue(Processes.which("xxd").isPresent(), "xxd is not installed");
        final byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(i * 7 + 1);
        }
        System.arraycopy("Hello, blocks!".getBytes(StandardCharsets.US_ASCII), 0, bytes, 20, 14);
        createBlock("data", bytes);

        assertEquals(xxd(), ipc("dump", "data").out());
        assertEquals(xxd("-s", "21", "-l", "100"), ipc("dump", "data", "--offset", "21", "--length", "100").out());
        assertEquals(xxd("-s", "256"), ipc("dump", "data", "--offset", "256").out());
    }

    private String xxd(final String... options)
    {
        final List<String> command = new java.util.ArrayList<>(List.of("xxd"));
        command.addAll(List.of(options));
        command.add(dir.resolve("data").toString());
        final Processes.Result result =
            Processes.run(Duration.ofSeconds(10), command, null, java.util.Map.of(), null);
        assertEquals(0, result.exitCode(), result.report());
        return result.stdout();
    }

    @Test
    void dumpAcceptsSuffixesAndHexForOffsetAndLength()
    {
        createBlock("big", new byte[8192]);
        final CliRun run = ipc("dump", "big", "--offset", "4k", "--length", "0x20");
        assertEquals(0, run.exitCode(), run.report());
        assertEquals("00001000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n" +
            "00001010: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n", run.out());
    }

    @Test
    void dumpWithoutLengthShowsTheFirst4KiBAndSaysThereIsMore()
    {
        createBlock("large", new byte[10_000]);
        final CliRun run = ipc("dump", "large");
        assertEquals(0, run.exitCode(), run.report());
        assertEquals(256, run.out().lines().count());
        assertEquals("ipc dump: showed 4096 of the 10000 bytes from offset 0; use --offset and --length for more\n",
            run.err());
    }

    @Test
    void dumpPastTheEndFailsNamingTheBlockAndItsSize()
    {
        createBlock("small", new byte[100]);
        final CliRun run = ipc("dump", "small", "--offset", "200");
        assertEquals(1, run.exitCode(), run.report());
        assertEquals("ipc dump: offset 200 is beyond the end of block \"small\" (100 bytes)\n", run.err());
    }

    @Test
    void dumpRefusesANegativeOffsetAsAUsageError()
    {
        createBlock("small", new byte[100]);
        final CliRun run = ipc("dump", "small", "--offset", "-5");
        assertEquals(2, run.exitCode(), run.report());
        assertTrue(run.err().contains("'-5' is not a size"), run.err());
    }

    @Test
    void dumpOfAFifoFailsAtOnceWithoutOpeningIt()
    {
        Assumptions.assumeTrue(Processes.which("mkfifo").isPresent());
        assertEquals(0, Processes.run(Duration.ofSeconds(10), "mkfifo", dir.resolve("fifo").toString()).exitCode());
        final CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ipc("dump", "fifo"));
        assertEquals(1, run.exitCode(), run.report());
        assertTrue(run.err().contains("is not a block: it is not a regular file"), run.err());
    }

    @Test
    void dumpOfAFileTruncatedMeanwhileShowsWhatIsThere() throws Exception
    {
        // A block file shrunk behind our back: plain reads see the end of file; a mapping would die of SIGBUS.
        Files.write(dir.resolve("shrunk"), "0123456789".getBytes(StandardCharsets.US_ASCII));
        final byte[] all = BlockReads.read(dir, "shrunk", 4, 100);
        assertArrayEquals("456789".getBytes(StandardCharsets.US_ASCII), all);
        assertEquals(0, BlockReads.read(dir, "shrunk", 50, 10).length);
    }

    // ---------------------------------------------------------------------------------------------------- create

    @Test
    void createMakesAZeroedOwnerOnlyBlockOfTheGivenSize() throws Exception
    {
        final CliRun run = ipc("create", "fresh", "4k");
        assertEquals(0, run.exitCode(), run.report());
        assertEquals("Created block \"fresh\" of 4096 bytes (4.0 KiB) at " + dir.resolve("fresh") + ".\n", run.out());
        assertEquals(4096, Files.size(dir.resolve("fresh")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fresh"))));
    }

    @Test
    void createAcceptsMegabytesAndPermissions() throws Exception
    {
        final CliRun run = ipc("create", "shared", "1m", "--permissions", "rw-rw----");
        assertEquals(0, run.exitCode(), run.report());
        assertEquals(1 << 20, Files.size(dir.resolve("shared")));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("shared"))));
    }

    @Test
    void createOfAnExistingBlockFailsInOneLine()
    {
        createBlock("taken", new byte[64]);
        final CliRun run = ipc("create", "taken", "128");
        assertEquals(1, run.exitCode(), run.report());
        assertEquals("ipc create: cannot create block \"taken\": " + dir.resolve("taken") + " already exists (64 " +
            "bytes); attach to it, or remove it first (ipc rm taken)\n", run.err());
    }

    @Test
    void createWithSizeZeroIsAUsageError()
    {
        final CliRun run = ipc("create", "empty", "0");
        assertEquals(2, run.exitCode(), run.report());
        assertTrue(run.err().startsWith("ipc create: size of block \"empty\" must be positive, was 0"), run.err());
    }

    @Test
    void createWithAnUnreadableSizeIsAUsageError()
    {
        final CliRun run = ipc("create", "x", "lots");
        assertEquals(2, run.exitCode(), run.report());
        assertTrue(run.err().contains("'lots' is not a size"), run.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    // ---------------------------------------------------------------------------------------------------- rm

    @Test
    void rmRemovesABlock()
    {
        createBlock("old", new byte[64]);
        final CliRun run = ipc("rm", "old");
        assertEquals(0, run.exitCode(), run.report());
        assertEquals("Removed block \"old\".\n", run.out());
        assertFalse(Files.exists(dir.resolve("old")));
    }

    @Test
    void rmOfAMissingBlockFails()
    {
        final CliRun run = ipc("rm", "ghost");
        assertEquals(1, run.exitCode(), run.report());
        assertTrue(run.err().startsWith("ipc rm: no block named \"ghost\""), run.err());
    }

    @Test
    void rmRefusesASymbolicLinkAndLeavesLinkAndTargetAlone() throws Exception
    {
        final Path target = dir.resolve("target-file");
        Files.write(target, new byte[] {1, 2, 3});
        final FileTime modified = FileTime.from(Instant.parse("2022-02-02T00:00:00Z"));
        Files.setLastModifiedTime(target, modified);
        Files.createSymbolicLink(dir.resolve("link"), target);

        final CliRun run = ipc("rm", "link");
        assertEquals(1, run.exitCode(), run.report());
        assertTrue(run.err().contains("is a symbolic link, and links are never followed"), run.err());
        assertTrue(Files.isSymbolicLink(dir.resolve("link")));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(modified, Files.getLastModifiedTime(target));
    }

    @Test
    void rmRefusesADirectory() throws Exception
    {
        Files.createDirectory(dir.resolve("folder"));
        final CliRun run = ipc("rm", "folder");
        assertEquals(1, run.exitCode(), run.report());
        assertTrue(run.err().endsWith("is not a block: it is a directory\n"), run.err());
        assertTrue(Files.isDirectory(dir.resolve("folder")));
    }

    @Test
    void rmRefusesABlockOwnedByAnotherUser() throws Exception
    {
        Assumptions.assumeTrue(Processes.isRoot(), "only root can give a file to another user");
        createBlock("theirs", new byte[64]);
        final UserPrincipal nobody =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(dir.resolve("theirs"), nobody);

        final CliRun run = ipc("rm", "theirs");
        assertEquals(1, run.exitCode(), run.report());
        assertTrue(run.err().startsWith("ipc rm: refusing to remove block \"theirs\" at " + dir.resolve("theirs") +
            ": it is owned by uid "), run.err());
        assertTrue(Files.exists(dir.resolve("theirs")));
    }

    @Test
    void rmOfSeveralBlocksRemovesWhatItCanAndFailsForTheRest()
    {
        createBlock("one", new byte[8]);
        createBlock("two", new byte[8]);
        final CliRun run = ipc("rm", "one", "ghost", "two");
        assertEquals(1, run.exitCode(), run.report());
        assertEquals("Removed block \"one\".\nRemoved block \"two\".\n", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    // ---------------------------------------------------------------------------------------------------- gc

    @Test
    void gcRemovesUnfinishedCreationsOfDeadProcessesOnly() throws Exception
    {
        final long deadPid = deadPid();
        final Path dead = dir.resolve(BlockFiles.CREATING_PREFIX + deadPid + "-1a2b");
        final Path alive = dir.resolve(BlockFiles.CREATING_PREFIX + ProcessHandle.current().pid() + "-3c4d");
        final Path odd = dir.resolve(BlockFiles.CREATING_PREFIX + "not-a-pid");
        Files.write(dead, new byte[16]);
        Files.write(alive, new byte[16]);
        Files.write(odd, new byte[16]);
        createBlock("block", new byte[16]);

        final CliRun dry = ipc("gc", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.report());
        assertTrue(dry.out().contains("Would remove " + dead.getFileName()), dry.out());
        assertTrue(Files.exists(dead));

        final CliRun run = ipc("gc");
        assertEquals(0, run.exitCode(), run.report());
        assertTrue(run.out().contains("Removed " + dead.getFileName() + " (unfinished creation of process " +
            deadPid + ", which is gone, 16 bytes)."), run.out());
        assertTrue(run.out().contains("Kept " + alive.getFileName() + ": its creator, process " +
            ProcessHandle.current().pid() + ", is running."), run.out());
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(List.of(alive.getFileName().toString(), odd.getFileName().toString(), "block"),
                files.map((p) -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void gcLeavesALinkWithTheHiddenPrefixAlone() throws Exception
    {
        final Path link = dir.resolve(BlockFiles.CREATING_PREFIX + deadPid() + "-ff");
        Files.createSymbolicLink(link, outsideFile());
        final CliRun run = ipc("gc");
        assertEquals(0, run.exitCode(), run.report());
        assertEquals("Nothing to clean in " + dir + ".\n", run.out());
        assertTrue(Files.isSymbolicLink(link));
    }

    /**
     * A regular file that no command should touch, in a directory the commands skip.
     */
    private Path outsideFile() throws Exception
    {
        final Path file = Files.createDirectories(dir.resolve("elsewhere")).resolve("precious");
        Files.write(file, new byte[] {42});
        return file;
    }

    private static long deadPid() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        process.waitFor();
        final long pid = process.pid();
        assertFalse(ProcessHandle.of(pid).isPresent());
        return pid;
    }
}
