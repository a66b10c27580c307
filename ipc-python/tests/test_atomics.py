"""The atomics behind the rings: compare-and-set semantics, and no torn 8-byte word between processes in either
mode (plain memoryview indexing on x86-64, libatomic everywhere)."""

import mmap
import os
import subprocess
import sys
import time
import unittest

from support import env, new_name, remove_quietly

from sharedmem import SharedBlock, _atomic

X = 0x0123456789ABCDEF
Y = X ^ 0xFFFFFFFFFFFFFFFF

WRITER = """
import sys, time
from sharedmem import SharedBlock, _atomic
b = SharedBlock.attach(sys.argv[1]); a = _atomic.Atomics(b.mapping); w = a.words
end = time.monotonic() + float(sys.argv[2])
x, y = %d, %d
while time.monotonic() < end:
    for _ in range(1000):
        w[1] = x
        w[1] = y
w[0] = 1
""" % (X, Y)


class AtomicsTest(unittest.TestCase):
    def test_compare_and_set_changes_only_an_expected_value(self):
        with mmap.mmap(-1, 4096) as m:
            a = _atomic.Atomics(m)
            self.assertTrue(a.cas(8, 0, Y))
            self.assertFalse(a.cas(8, 0, 5))
            self.assertEqual(Y, a.words[1])
            self.assertTrue(a.cas(8, Y, 5))
            self.assertEqual(5, a.words[1])
            self.assertTrue(a.cas_int(16, 0, -1))
            self.assertEqual(-1, a.ints[4])
            self.assertEqual(-1, a.exchange_int(16, 3))
            self.assertEqual(3, a.ints[4])
            a.close()

    def test_the_mode_is_plain_on_x86_64_and_can_be_forced_to_libatomic(self):
        code = "from sharedmem import _atomic; print(_atomic.MODE)"
        e = env()
        e["SHAREDMEM_ATOMICS"] = "libatomic"
        out = subprocess.run([sys.executable, "-c", code], env=e, stdout=subprocess.PIPE, check=True,
                             universal_newlines=True, timeout=60).stdout.strip()
        self.assertEqual("libatomic", out)
        if _atomic._X86_64 and os.environ.get("SHAREDMEM_ATOMICS", "auto") == "auto":
            self.assertEqual("plain", _atomic.MODE)

    def test_no_torn_word_is_ever_seen_by_another_process(self):
        for mode in ("auto", "libatomic"):
            name = new_name("tear")
            try:
                with SharedBlock.create(name, 4096) as block:
                    e = env()
                    e["SHAREDMEM_ATOMICS"] = mode
                    writer = subprocess.Popen([sys.executable, "-c", WRITER, name, "1.0"], env=e)
                    try:
                        a = _atomic.Atomics(block.mapping)
                        seen = set()
                        deadline = time.monotonic() + 60
                        while a.words[0] == 0 and time.monotonic() < deadline:
                            for _ in range(1000):
                                seen.add(a.words[1])
                        self.assertEqual(0, writer.wait(60))
                        self.assertLessEqual(seen, {0, X, Y}, "torn words: %s" % [hex(v) for v in seen - {0, X, Y}])
                        self.assertTrue(seen & {X, Y}, "the reader never saw the writer's values")
                        a.close()
                    finally:
                        writer.kill()
                        writer.wait()
            finally:
                remove_quietly(name)

    def test_a_missing_libatomic_is_named(self):
        code = ("import ctypes\n"
                "real = ctypes.CDLL\n"
                "def refuse(name, *a, **k):\n"
                "    if 'atomic' in str(name): raise OSError(name + ': cannot open shared object file')\n"
                "    return real(name, *a, **k)\n"
                "ctypes.CDLL = refuse\n"
                "import ctypes.util; ctypes.util.find_library = lambda n: None\n"
                "from sharedmem import _atomic\n"
                "try:\n"
                "    _atomic.check_available()\n"
                "except Exception as ex: print(type(ex).__name__, ex)\n")
        out = subprocess.run([sys.executable, "-c", code], env=env(), stdout=subprocess.PIPE, check=True,
                             universal_newlines=True, timeout=60).stdout
        self.assertIn("AtomicsUnavailableError", out)
        self.assertIn("libatomic.so.1", out)
        self.assertIn("apt-get install libatomic1", out)


if __name__ == "__main__":
    unittest.main()
