"""SharedBlock: the Java library's rules for names, directories, creation and attaching, and no resource tracker."""

import os
import stat
import subprocess
import sys
import tempfile
import unittest

from support import env, new_name, remove_quietly

from sharedmem import (BlockExistsError, NoSuchBlockError, NotABlockError, SharedBlock, SharedMemoryError)


class BlockTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="sharedmem-test-")

    def tearDown(self):
        for f in os.listdir(self.dir):
            os.unlink(os.path.join(self.dir, f))
        os.rmdir(self.dir)

    def test_create_then_attach_sees_the_same_bytes(self):
        with SharedBlock.create("b1", 10007, directory=self.dir) as a, \
                SharedBlock.attach("/b1", directory=self.dir) as b:
            a.buf[10006] = 42
            self.assertEqual(42, b.buf[10006])
            self.assertEqual(10007, b.size)
            self.assertEqual(os.path.join(self.dir, "b1"), b.path)

    def test_create_is_exclusive_owner_only_and_zeroed(self):
        os.umask(0o077)
        with SharedBlock.create("b2", 4096, directory=self.dir) as a:
            self.assertEqual(bytes(4096), bytes(a.buf))
            self.assertEqual(0o600, stat.S_IMODE(os.stat(a.path).st_mode))
            with self.assertRaises(BlockExistsError) as ctx:
                SharedBlock.create("b2", 4096, directory=self.dir)
            self.assertIn('"b2"', str(ctx.exception))
            self.assertIn("already exists", str(ctx.exception))

    def test_permissions_are_applied_exactly_whatever_the_umask(self):
        old = os.umask(0o077)
        try:
            with SharedBlock.create("b3", 64, directory=self.dir, permissions=0o660) as a:
                self.assertEqual(0o660, stat.S_IMODE(os.stat(a.path).st_mode))
        finally:
            os.umask(old)

    def test_attach_to_missing_block_names_the_block_and_the_directory(self):
        with self.assertRaises(NoSuchBlockError) as ctx:
            SharedBlock.attach("missing", directory=self.dir)
        self.assertIn('no block named "missing" in ' + self.dir, str(ctx.exception))
        self.assertIsInstance(ctx.exception, FileNotFoundError)

    def test_symbolic_links_are_never_followed(self):
        target = os.path.join(self.dir, "target")
        with open(target, "wb") as f:
            f.write(bytes(64))
        os.symlink(target, os.path.join(self.dir, "link"))
        with self.assertRaises(NotABlockError) as ctx:
            SharedBlock.attach("link", directory=self.dir)
        self.assertIn("symbolic link", str(ctx.exception))
        with self.assertRaises(NotABlockError):
            SharedBlock.create("link", 64, directory=self.dir)
        self.assertFalse(SharedBlock.exists("link", directory=self.dir))

    def test_directories_are_not_blocks(self):
        os.mkdir(os.path.join(self.dir, "sub"))
        with self.assertRaises(NotABlockError) as ctx:
            SharedBlock.attach("sub", directory=self.dir)
        self.assertIn("a directory", str(ctx.exception))
        os.rmdir(os.path.join(self.dir, "sub"))

    def test_names_follow_posix_shared_memory_rules(self):
        for bad, why in [("", "empty"), ("/", "empty"), ("a/b", "contains '/'"), ("a\0b", "NUL"),
                         (".", "reserved"), ("..", "reserved"), ("x" * 256, "256 bytes"), ("é" * 128, "256 bytes")]:
            with self.assertRaises(ValueError) as ctx:
                SharedBlock.create(bad, 64, directory=self.dir)
            self.assertIn(why, str(ctx.exception))
        with SharedBlock.create("x" * 255, 64, directory=self.dir) as b:
            self.assertEqual(255, len(b.name))

    def test_sizes_must_be_positive(self):
        for bad in (0, -1, 1.5, True):
            with self.assertRaises(ValueError):
                SharedBlock.create("b4", bad, directory=self.dir)

    def test_generated_names_look_like_pythons(self):
        with SharedBlock.create(None, 64, directory=self.dir) as b:
            self.assertRegex(b.name, r"^psm_[0-9a-f]{8}$")

    def test_create_or_attach_refuses_another_size(self):
        with SharedBlock.create_or_attach("b5", 128, directory=self.dir) as a, \
                SharedBlock.create_or_attach("b5", 128, directory=self.dir) as b:
            a.buf[0] = 1
            self.assertEqual(1, b.buf[0])
            with self.assertRaises(SharedMemoryError) as ctx:
                SharedBlock.create_or_attach("b5", 256, directory=self.dir)
            self.assertIn("exists with 128 bytes, not the 256", str(ctx.exception))

    def test_read_only_attach_refuses_writes(self):
        with SharedBlock.create("b6", 64, directory=self.dir), \
                SharedBlock.attach("b6", directory=self.dir, read_only=True) as r:
            with self.assertRaises(TypeError):
                r.buf[0] = 1

    def test_close_releases_the_view_and_is_idempotent(self):
        b = SharedBlock.create("b7", 64, directory=self.dir)
        view = b.buf
        kept = b.buf[0:8]
        b.close()
        b.close()
        with self.assertRaises(ValueError):
            view[0]
        self.assertEqual(0, kept[0])  # a slice keeps its mapping alive: never a fault
        kept.release()

    def test_unlink_removes_the_name_but_mappings_keep_working(self):
        with SharedBlock.create("b8", 64, directory=self.dir) as a, SharedBlock.attach("b8", directory=self.dir) as b:
            a.unlink()
            self.assertFalse(SharedBlock.exists("b8", directory=self.dir))
            a.buf[3] = 9
            self.assertEqual(9, b.buf[3])
            with self.assertRaises(NoSuchBlockError):
                a.unlink()

    def test_environment_variable_chooses_the_directory(self):
        code = "from sharedmem import SharedBlock; b = SharedBlock.create('b9', 64); print(b.path); b.close()"
        e = env()
        e["SHAREDMEM_DIR"] = self.dir
        out = subprocess.run([sys.executable, "-c", code], env=e, stdout=subprocess.PIPE, check=True,
                             universal_newlines=True, timeout=60).stdout.strip()
        self.assertEqual(os.path.join(self.dir, "b9"), out)

    def test_nothing_is_left_under_a_hidden_name(self):
        with SharedBlock.create("b10", 1 << 20, directory=self.dir):
            self.assertEqual(["b10"], os.listdir(self.dir))


class NoResourceTrackerTest(unittest.TestCase):
    def test_a_process_that_attaches_and_exits_leaves_the_block(self):
        name = new_name("tracker")
        try:
            with SharedBlock.create(name, 4096):
                code = ("from sharedmem import SharedBlock\n"
                        "b = SharedBlock.attach(%r); b.buf[0] = 7; b.close()\n" % name)
                result = subprocess.run([sys.executable, "-c", code], env=env(), stderr=subprocess.PIPE,
                                        universal_newlines=True, timeout=60)
                self.assertEqual(0, result.returncode, result.stderr)
                self.assertEqual("", result.stderr, "a resource tracker warning?")
                import time
                time.sleep(0.5)
                self.assertTrue(SharedBlock.exists(name), "the attaching process removed the block")
                with SharedBlock.attach(name) as b:
                    self.assertEqual(7, b.buf[0])
        finally:
            remove_quietly(name)

    def test_multiprocessing_shared_memory_sees_the_same_bytes(self):
        from multiprocessing import shared_memory
        name = new_name("mp")
        try:
            with SharedBlock.create(name, 4096) as b:
                b.buf[100] = 99
                code = ("import sys\nfrom multiprocessing import shared_memory, resource_tracker\n"
                        "s = shared_memory.SharedMemory(name=%r)\n"
                        "resource_tracker.unregister(s._name, 'shared_memory')\n"
                        "print(s.buf[100]); s.buf[101] = 5; s.close()\n" % name)
                out = subprocess.run([sys.executable, "-c", code], env=env(), stdout=subprocess.PIPE,
                                     universal_newlines=True, timeout=60, check=True).stdout
                self.assertEqual("99", out.strip())
                self.assertEqual(5, b.buf[101])
        finally:
            remove_quietly(name)
        del shared_memory


if __name__ == "__main__":
    unittest.main()
