"""Formatting and attaching the self-describing header of docs/LAYOUT.md (sections 1 and 7)."""

import mmap
import os
import struct
import time

from . import _identity, _names
from . import layout as L
from .block import SharedBlock, create_file
from .errors import CorruptHeaderError, LayoutVersionError, NotFormattedError, WrongKindError


def check_capacity(capacity):
    if not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < L.MIN_CAPACITY \
            or capacity > L.MAX_CAPACITY or capacity & (capacity - 1):
        raise ValueError("ring capacity %r must be a power of two from %d bytes to %d (1 GiB)"
                         % (capacity, L.MIN_CAPACITY, L.MAX_CAPACITY))


def create(name, kind, capacity, *, directory=None, user_type_id=0, permissions=0o600):
    """Creates a formatted block: the file appears under its name only once its header is complete."""
    check_capacity(capacity)
    bare = _names.normalise(name)
    dirpath = _names.resolve_directory(directory)
    payload_length = L.payload_length(kind, capacity)
    size = L.PAYLOAD_OFFSET + payload_length

    def prepare(fd):
        with mmap.mmap(fd, L.HEADER_LENGTH, access=mmap.ACCESS_WRITE) as m:
            me = _identity.ME
            struct.pack_into("<iiqqqqqiiqqi", m, L.KIND_OFFSET, kind, L.HEADER_LENGTH, L.PAYLOAD_OFFSET,
                             payload_length, me.pid, me.start_ticks, int(time.time() * 1000), user_type_id,
                             L.max_message_length(capacity), _signed(me.boot_id_hash), _signed(me.pid_namespace),
                             capacity)
            # The ready word last; the hard link that names the file comes after it (a system call), so a process
            # that can open the block sees a complete header.
            struct.pack_into("<Q", m, L.READY_OFFSET, L.READY_WORD)

    fd = create_file(dirpath, bare, size, permissions, prepare)
    return SharedBlock._map(bare, dirpath, fd, False)


def _signed(v):
    return v - (1 << 64) if v >= 1 << 63 else v


class Header:
    """A validated copy of a header's fixed fields (span 0)."""

    __slots__ = ("kind", "header_length", "payload_offset", "payload_length", "creator_pid", "creator_start_ticks",
                 "creation_time_ms", "user_type_id", "max_msg_length", "capacity")

    def __init__(self, raw):
        (self.kind, self.header_length, self.payload_offset, self.payload_length, self.creator_pid,
         self.creator_start_ticks, self.creation_time_ms, self.user_type_id, self.max_msg_length) = \
            struct.unpack_from("<iiqqqqqii", raw, L.KIND_OFFSET)
        self.capacity, = struct.unpack_from("<i", raw, L.CAPACITY_OFFSET)


def attach(name, expected_kind, *, directory=None):
    """Attaches to a formatted block of the expected kind. Never waits: a block is named only once complete."""
    block = SharedBlock.attach(name, directory=directory)
    try:
        header = parse(block)
        if header.kind != expected_kind:
            raise WrongKindError(block.name, 'block "%s" is a %s, not a %s; attach it with the class for its kind'
                                 % (block.name, describe_kind(header.kind), L.KIND_NAMES[expected_kind]))
        return block, header
    except BaseException:
        block.close()
        raise


def describe_kind(kind):
    return L.KIND_NAMES.get(kind, "block of unknown kind %d (from a newer library?)" % kind)


def parse(block):
    """Validates the header of a mapped block (docs/LAYOUT.md, "Attaching") and returns its fields."""
    name = block.name
    what = 'block "%s"' % name
    size = block.size
    if size < 8:
        raise NotFormattedError(name, "%s is %d bytes, too small to hold a %d-byte header: not a formatted block "
                                      "(attach it as a raw SharedBlock)" % (what, size, L.HEADER_LENGTH))
    raw = bytes(block.buf[:min(size, L.HEADER_LENGTH)])
    ready, = struct.unpack_from("<Q", raw, 0)
    if ready == 0:
        raise NotFormattedError(name, "%s (%d bytes) is not a formatted block: its ready word is 0 (a raw block whose "
                                      "first bytes are zero, or a file another program wrote); attach it as a raw "
                                      "SharedBlock, or remove it (ipc rm %s) and create the ring again"
                                % (what, size, name))
    magic, version = ready >> 32, ready & 0xFFFFFFFF
    if magic != L.MAGIC:
        raise NotFormattedError(name, '%s is not a formatted block: its first word is 0x%x, not magic 0x%x ("SMHD") '
                                      'with a version; it may be a raw block (attach it as a SharedBlock) or another '
                                      "program's file" % (what, ready, L.MAGIC))
    if version != L.LAYOUT_VERSION:
        raise LayoutVersionError(name, "%s has header layout version %d but this library reads version %d; use a "
                                       "matching library version on both sides, or re-create the block"
                                 % (what, version, L.LAYOUT_VERSION))
    if size < L.HEADER_LENGTH:
        raise CorruptHeaderError(name, "%s is truncated: %d bytes, shorter than the %d-byte header it starts"
                                 % (what, size, L.HEADER_LENGTH))
    h = Header(raw)

    def corrupt(message):
        return CorruptHeaderError(name, message + "; the block cannot be used safely: remove it (ipc rm %s) and "
                                                  "create it again" % name)

    if h.header_length != L.HEADER_LENGTH:
        raise corrupt("%s has header length %d, expected %d" % (what, h.header_length, L.HEADER_LENGTH))
    if h.payload_offset < h.header_length or h.payload_offset & 7:
        raise corrupt("%s has payload offset %d: it must be a multiple of 8, at least %d"
                      % (what, h.payload_offset, h.header_length))
    if h.payload_length <= 0 or h.payload_offset > size or h.payload_length > size - h.payload_offset:
        raise corrupt("%s is truncated or corrupt: its header says the payload spans bytes [%d, %d) but the file has "
                      "%d bytes" % (what, h.payload_offset, h.payload_offset + h.payload_length, size))
    if h.kind in L.KIND_NAMES:
        label = L.KIND_NAMES[h.kind]
        if h.capacity < L.MIN_CAPACITY or h.capacity & (h.capacity - 1):
            raise corrupt("%s (%s) has capacity %d: not a power of two of at least %d"
                          % (what, label, h.capacity, L.MIN_CAPACITY))
        if h.payload_length != L.payload_length(h.kind, h.capacity):
            raise corrupt("%s (%s) has payload length %d but capacity %d needs %d"
                          % (what, label, h.payload_length, h.capacity, L.payload_length(h.kind, h.capacity)))
        if h.max_msg_length <= 0 or h.max_msg_length > h.capacity:
            raise corrupt("%s (%s) has maximum message length %d for capacity %d"
                          % (what, label, h.max_msg_length, h.capacity))
    return h
