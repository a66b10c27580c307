#!/usr/bin/env python3
"""The Java Writer's partner, in Python: does what io.sharedmem.examples.block.Reader does.

    terminal 1:  bin/ipc example writer
    terminal 2:  python3 ipc-examples/python/reader.py [NAME]

Attaches to the block (default MyMemory), prints every byte, then writes the second half, which the writer is
waiting for. The last 8 bytes are written last: the writer watches them.
"""

import sys

from shm_attach import attach

NAME = sys.argv[1] if len(sys.argv) > 1 else "MyMemory"
SIZE = 1024
HALF = SIZE // 2
DONE_OFFSET = SIZE - 8


def reader_byte(offset):
    return 255 - (offset - HALF) % 255


def print_bytes(buf):
    for offset in range(0, len(buf), 32):
        print("%04d:" % offset + "".join(" %02x" % b for b in buf[offset:offset + 32]))


def main():
    try:
        shm = attach(NAME)
    except FileNotFoundError:
        print('reader.py: block "%s" does not exist yet: start the Writer first, then the reader.' % NAME,
              file=sys.stderr)
        return 1
    try:
        if shm.size < SIZE:
            print('reader.py: block "%s" has %d bytes, not the %d the Writer makes' % (NAME, shm.size, SIZE),
                  file=sys.stderr)
            return 1
        buf = shm.buf
        print('reader.py: attached to block "%s" (%d bytes):' % (NAME, SIZE))
        print_bytes(buf[:SIZE])
        half = bytes(reader_byte(i) for i in range(HALF, SIZE))
        buf[HALF:DONE_OFFSET] = half[:DONE_OFFSET - HALF]
        buf[DONE_OFFSET:SIZE] = half[DONE_OFFSET - HALF:]
        print("reader.py: wrote bytes %d-%d; the Writer prints them and removes the block" % (HALF, SIZE - 1))
        del buf
        return 0
    finally:
        shm.close()


if __name__ == "__main__":
    sys.exit(main())
