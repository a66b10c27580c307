"""Helpers for the package's tests: unique block names, peer processes with time-outs, the test scale."""

import glob
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(HERE)
FULL = os.environ.get("SHAREDMEM_TEST_SCALE", "quick") == "full"
TIMEOUT = 120.0


def scale(quick, full):
    """The size of a long trial: ``full`` with SHAREDMEM_TEST_SCALE=full, else ``quick``."""
    return full if FULL else quick


def new_name(prefix):
    return "pytest-%s-%d-%s" % (prefix, os.getpid(), uuid.uuid4().hex[:8])


def remove_quietly(name, directory=None):
    from sharedmem import SharedBlock
    try:
        SharedBlock.remove(name, directory=directory)
    except (FileNotFoundError, OSError, Exception):
        pass


def remove_creation_files(pid, directory=None):
    """Removes the hidden file of a block that the ended process ``pid`` was creating when it was killed (what
    ``ipc gc`` would remove)."""
    from sharedmem import _names
    from sharedmem.block import CREATING_PREFIX
    pattern = os.path.join(_names.resolve_directory(directory), "%s%d-*" % (CREATING_PREFIX, pid))
    for path in glob.glob(pattern):
        try:
            os.unlink(path)
        except OSError:
            pass


def env():
    e = dict(os.environ)
    e["PYTHONPATH"] = PACKAGE_ROOT + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


class Peer:
    """A child ``python3 tests/peer.py`` process: lines from its standard output, killed in ``close``."""

    def __init__(self, *args, script="peer.py"):
        self.args = args
        self.process = subprocess.Popen([sys.executable, os.path.join(HERE, script)] + list(args),
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(),
                                        universal_newlines=True)
        self.lines = []
        self._queue = queue.Queue()
        self._stderr = []
        threading.Thread(target=self._pump, args=(self.process.stdout, True), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.process.stderr, False), daemon=True).start()

    def _pump(self, stream, out):
        for line in stream:
            line = line.rstrip("\n")
            if out:
                self.lines.append(line)
                self._queue.put(line)
            else:
                self._stderr.append(line)
        if out:
            self._queue.put(None)

    def await_line(self, prefix, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("no line starting %r within %.0f s\n%s" % (prefix, timeout, self.report()))
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError("peer exited before a line starting %r\n%s" % (prefix, self.report()))
            if line.startswith(prefix):
                return line

    def wait(self, timeout=TIMEOUT):
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("peer did not exit within %.0f s\n%s" % (timeout, self.report()))

    def kill(self, sig=signal.SIGKILL):
        if self.process.poll() is None:
            self.process.send_signal(sig)
        if sig == signal.SIGKILL:
            self.process.wait(30)

    def report(self):
        time.sleep(0.05)
        return "peer %s exit %s\nstdout:\n  %s\nstderr:\n  %s" % (
            " ".join(self.args), self.process.poll(), "\n  ".join(self.lines), "\n  ".join(self._stderr))

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(30)
            remove_creation_files(self.process.pid)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Checker:
    """A handler checking every message whole and in order (as the peer's consumer does)."""

    def __init__(self, messages, start=0):
        self.messages = messages
        self.next = start
        self.received = 0
        self.error = None

    def __call__(self, msg_type, view):
        if self.error is not None:
            return
        err = self.messages.check(self.next, msg_type, view)
        if err is not None:
            self.error = err
            return
        self.next += 1
        self.received += 1
