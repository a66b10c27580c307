"""Reads the unconsumed messages of an SPSC ring, following docs/LAYOUT.md only (no Java code consulted).

usage: python3 ring_reader.py BLOCK_FILE
Prints one line per message: "<type> <length> <hex payload>", then "end <position>". Reads the file with plain
reads: the ring must be quiet (no producer writing) while it runs.
"""
import struct
import sys

MAGIC = 0x44484D53
HEADER_LENGTH = 1024
POSITION_MASK = (1 << 48) - 1


def main(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < HEADER_LENGTH:
        sys.exit("file shorter than a header")
    ready, = struct.unpack_from("<Q", data, 0)
    if ready >> 32 != MAGIC or ready & 0xFFFFFFFF != 2:
        sys.exit("not a formatted block of layout 2: ready word %#x" % ready)
    kind, header_length, payload_offset, payload_length = struct.unpack_from("<iiqq", data, 8)
    capacity, = struct.unpack_from("<i", data, 80)
    if kind != 1 or header_length != HEADER_LENGTH or payload_length != capacity:
        sys.exit("not an spsc ring: kind %d" % kind)
    if payload_offset + payload_length > len(data):
        sys.exit("truncated")
    head_word, = struct.unpack_from("<Q", data, 640)
    head = head_word & POSITION_MASK
    zone_state_word, zone_start, zone_end = struct.unpack_from("<QQQ", data, 768)
    zone_state = zone_state_word >> 48
    zone_length = (zone_end - zone_start) & POSITION_MASK
    mask = capacity - 1
    position = head
    while position < head + capacity:
        # An active zone (or a lifted one, before its lift position) is skipped wherever its index comes round.
        offset = (position - zone_start) & mask
        lift = zone_state_word & POSITION_MASK
        skipped = zone_state == 2 or (zone_state == 3 and ((lift - (position - offset)) & POSITION_MASK) < (1 << 47)
                                       and (lift - (position - offset)) & POSITION_MASK != 0)
        if skipped and offset < zone_length:
            position += zone_length - offset
            continue
        index = position & mask
        length, msg_type = struct.unpack_from("<ii", data, payload_offset + index)
        if length == 0:
            break
        aligned = (length + 7) & ~7
        if length < 8 or aligned > capacity - index:
            sys.exit("corrupt record at %d: length %d" % (position, length))
        if msg_type != -1:
            start = payload_offset + index + 8
            print(msg_type, length - 8, data[start:start + length - 8].hex())
        position += aligned
    print("end", position)  # a position from the 48-bit head: the ring here is young


if __name__ == "__main__":
    main(sys.argv[1])
