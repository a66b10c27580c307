#!/usr/bin/env python3
"""Share a block between Python and Java, both ways; the interop tests run this, and so can you.

    python3 interop.py attach NAME          attach to a block Java created: print its size and SHA-256,
                                            then invert every byte (b ^ 0xff) in place
    python3 interop.py attach-tracked NAME  the same without unregistering from the resource tracker:
                                            on Python < 3.13 the block is unlinked when this script exits
    python3 interop.py create NAME SIZE     create a block of bytes (7 * i + 3) % 256, print "created",
                                            wait for a line on standard input (Java attached and inverted
                                            every byte), check them, remove the block, print "verified"
"""

import hashlib
import sys
from multiprocessing import shared_memory

from shm_attach import attach


def pattern(size):
    return bytes((7 * i + 3) % 256 for i in range(size))


def invert_in_place(buf):
    buf[:] = bytes(b ^ 0xFF for b in buf)


def attach_and_invert(name, tracked):
    shm = shared_memory.SharedMemory(name=name) if tracked else attach(name)
    try:
        # On Linux, shm.size is the file's size; the mapping covers exactly the block.
        buf = shm.buf
        data = bytes(buf)
        print("size %d sha256 %s" % (len(data), hashlib.sha256(data).hexdigest()), flush=True)
        invert_in_place(buf)
        print("inverted %d bytes" % len(data), flush=True)
        del buf
    finally:
        shm.close()
    return 0


def create_and_check(name, size):
    shm = shared_memory.SharedMemory(name=name, create=True, size=size)
    try:
        buf = shm.buf
        expected = pattern(size)
        buf[:size] = expected
        print("created %s %d" % (name, size), flush=True)
        line = sys.stdin.readline()
        if not line:
            print("no go-ahead on standard input", flush=True)
            return 2
        inverted = bytes(b ^ 0xFF for b in expected)
        for i in range(size):
            if buf[i] != inverted[i]:
                print("mismatch at %d: %02x, expected %02x" % (i, buf[i], inverted[i]), flush=True)
                return 1
        print("verified %d bytes" % size, flush=True)
        del buf
        return 0
    finally:
        shm.close()
        shm.unlink()


def main(argv):
    if len(argv) == 3 and argv[1] == "attach":
        return attach_and_invert(argv[2], tracked=False)
    if len(argv) == 3 and argv[1] == "attach-tracked":
        return attach_and_invert(argv[2], tracked=True)
    if len(argv) == 4 and argv[1] == "create":
        return create_and_check(argv[2], int(argv[3]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
