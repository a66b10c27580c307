"""Offsets of the formatted-block header, role slots, zone record and SPSC records: docs/LAYOUT.md, layout version 2,
as constants (the Java side's ``HeaderDescriptor``, ``SpscRecordDescriptor`` and ``ZoneDescriptor``).

All integers are little-endian. Offsets are from the start of the block file::

      0 +---------------------------------------------------------------+
        | ready word: magic "SMHD" << 32 | layout version (2)   (8)     |
      8 | kind (4) | header length (4) | payload offset (8)            |
     24 | payload length (8) | creator pid (8) | creator start ticks (8) |
     48 | creation time ms (8) | user type id (4) | max msg length (4)  |
     64 | creator boot id hash (8) | creator pid namespace (8)         |
     80 | capacity (4) | reserved                                       |
    128 +--- producer role slot (128) --------------------------------- +
        |  +0 owner word: epoch << 32 | pid  (alone on its 64-byte line) |
        | +64 info epoch (4) | +72 pid | +80 start ticks | +88 heartbeat |
        | +96 boot id hash | +104 pid namespace | +112 takeovers         |
        | +120 acquired time ms                                          |
    256 +--- consumer role slot (128), the same fields ----------------- +
    384 | consumer sleeping flag (4), alone on its line                  |
    512 | tail hint | produced msgs | produced bytes | full stalls       |
    640 | head word: consumer epoch (16 bits) << 48 | head (48 bits)     |
    704 | consumed msgs | consumed bytes                                 |
    768 | zone: state word | start | end | fenced owner word | fenced   |
        | start ticks | fenced boot id hash | fenced pid namespace | ack |
   1024 +--- payload: the data region (capacity bytes) ----------------- +

An SPSC record at an 8-byte aligned index of the data region::

     0               4               8
     +---------------+---------------+------------------------------+
     | length (int)  | type (int)    | payload (length - 8 bytes)   | ... to the next multiple of 8
     +---------------+---------------+------------------------------+

``length`` counts the 8 header bytes; 0 means nothing committed there (yet); type -1 is padding. The 8-byte header
word is committed with one release store of ``(type << 32) | length``.
"""

MAGIC = 0x44484D53
LAYOUT_VERSION = 2
READY_WORD = (MAGIC << 32) | LAYOUT_VERSION
HEADER_LENGTH = 1024
PAYLOAD_OFFSET = 1024

KIND_SPSC = 1
KIND_MPSC = 2
KIND_BROADCAST = 3
KIND_NAMES = {KIND_SPSC: "spsc-ring", KIND_MPSC: "mpsc-ring", KIND_BROADCAST: "broadcast"}

READY_OFFSET = 0
KIND_OFFSET = 8
HEADER_LENGTH_OFFSET = 12
PAYLOAD_OFFSET_OFFSET = 16
PAYLOAD_LENGTH_OFFSET = 24
CREATOR_PID_OFFSET = 32
CREATOR_START_TICKS_OFFSET = 40
CREATION_TIME_OFFSET = 48
USER_TYPE_ID_OFFSET = 56
MAX_MSG_LENGTH_OFFSET = 60
CREATOR_BOOT_ID_HASH_OFFSET = 64
CREATOR_PID_NAMESPACE_OFFSET = 72
CAPACITY_OFFSET = 80

PRODUCER_SLOT_OFFSET = 128
CONSUMER_SLOT_OFFSET = 256
SLOT_OWNER_WORD = 0
SLOT_INFO_EPOCH = 64
SLOT_PID = 72
SLOT_START_TICKS = 80
SLOT_HEARTBEAT = 88
SLOT_BOOT_ID_HASH = 96
SLOT_PID_NAMESPACE = 104
SLOT_TAKEOVERS = 112
SLOT_ACQUIRED_TIME = 120

SLEEPING_FLAG_OFFSET = 384
TAIL_HINT_OFFSET = 512
PRODUCED_MESSAGES_OFFSET = 520
PRODUCED_BYTES_OFFSET = 528
FULL_STALLS_OFFSET = 536
HEAD_WORD_OFFSET = 640
CONSUMED_MESSAGES_OFFSET = 704
CONSUMED_BYTES_OFFSET = 712

ZONE_STATE_OFFSET = 768
ZONE_START_OFFSET = 776
ZONE_END_OFFSET = 784
ZONE_FENCED_OWNER_OFFSET = 792
ZONE_FENCED_START_TICKS_OFFSET = 800
ZONE_FENCED_BOOT_ID_HASH_OFFSET = 808
ZONE_FENCED_PID_NAMESPACE_OFFSET = 816
ZONE_ACK_OFFSET = 824

ZONE_NONE = 0
ZONE_PENDING = 1
ZONE_ACTIVE = 2
ZONE_LIFTED = 3

RECORD_HEADER_LENGTH = 8
RECORD_ALIGNMENT = 8
PADDING_TYPE = -1
PADDING_TYPE_U32 = 0xFFFFFFFF

POSITION_BITS = 48
POSITION_MASK = (1 << POSITION_BITS) - 1
HALF_POSITION_RANGE = 1 << (POSITION_BITS - 1)

MIN_CAPACITY = 64
MAX_CAPACITY = 1 << 30

# Agrona ManyToOneRingBuffer trailer (kind 2), offsets after the data capacity.
MPSC_TRAILER_LENGTH = 768
MPSC_TAIL_POSITION = 128
MPSC_HEAD_CACHE_POSITION = 256
MPSC_HEAD_POSITION = 384
MPSC_CORRELATION_COUNTER = 512
MPSC_CONSUMER_HEARTBEAT = 640
BROADCAST_TRAILER_LENGTH = 128


def align8(n):
    return (n + 7) & ~7


def max_message_length(capacity):
    return capacity // 8


def payload_length(kind, capacity):
    if kind == KIND_MPSC:
        return capacity + MPSC_TRAILER_LENGTH
    if kind == KIND_BROADCAST:
        return capacity + BROADCAST_TRAILER_LENGTH
    return capacity
