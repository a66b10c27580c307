"""Checked messages for cross-process and cross-language tests: type, length and every byte follow from a sequence
number, so a consumer checks each message whole and in order. The Java twin is ``CheckedMessages`` in the
ipc-python module's tests; both use integer arithmetic only, so they agree bit for bit.

- type id: ``1 + (seq & 0x3FFFFFFF)``;
- length: log-uniform over octaves in ``[min, max]``, from ``mix(seq)`` (SplitMix64's finaliser);
- payload: bytes of a fixed pseudo-random table from offset ``(mix(seq) >> 8) & 0xFFFF``; from 8 bytes on, the first
  8 hold ``seq`` (little-endian); from 12 bytes on, the last 4 hold the CRC-32 (zlib's) of all bytes before them.
"""

import zlib

_M64 = 0xFFFFFFFFFFFFFFFF
_GAMMA = 0x9E3779B97F4A7C15
_TABLE_SEED = 0x5EED


def mix(z):
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & _M64
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB & _M64
    return z ^ (z >> 31)


def _table(size):
    out = bytearray()
    state = _TABLE_SEED
    while len(out) < size:
        state = (state + _GAMMA) & _M64
        out += mix(state).to_bytes(8, "little")
    return bytes(out[:size])


class CheckedMessages:
    def __init__(self, min_length, max_length):
        self.min_length = min_length
        self.max_length = max_length
        self._octaves = max_length.bit_length()
        self._table = _table(0x10000 + max_length + 8)

    @staticmethod
    def type_id(seq):
        return 1 + (seq & 0x3FFFFFFF)

    @staticmethod
    def seq_low(type_id):
        return type_id - 1

    def length(self, seq):
        h = mix((seq * _GAMMA + _GAMMA) & _M64)
        octave = (h >> 40) % (self._octaves + 1)
        if octave == 0:
            length = 0
        else:
            lo = 1 << (octave - 1)
            hi = min(self.max_length, (1 << octave) - 1)
            length = lo + (h & 0xFFFFFFFF) % (hi - lo + 1)
        return max(self.min_length, min(self.max_length, length))

    def payload(self, seq, length=None):
        n = self.length(seq) if length is None else length
        h = mix((seq * _GAMMA + _GAMMA) & _M64)
        off = (h >> 8) & 0xFFFF
        body = bytearray(self._table[off:off + n])
        if n >= 8:
            body[0:8] = (seq & _M64).to_bytes(8, "little")
        if n >= 12:
            body[n - 4:n] = zlib.crc32(memoryview(body)[:n - 4]).to_bytes(4, "little")
        return body

    def fill(self, view, seq):
        """Writes message ``seq`` into a writable view of exactly its length."""
        view[:] = self.payload(seq, len(view))

    def check(self, seq, type_id, view):
        """None if the message is message ``seq``, else what is wrong."""
        if type_id != self.type_id(seq):
            return "expected seq %d (type %d) but got type %d (seq low bits %d)" % (
                seq, self.type_id(seq), type_id, type_id - 1)
        n = len(view)
        if n != self.length(seq):
            return "seq %d: length %d, expected %d" % (seq, n, self.length(seq))
        if n >= 12:
            got_seq = int.from_bytes(view[0:8], "little")
            if got_seq != seq & _M64:
                return "seq %d: its payload says seq %d" % (seq, got_seq)
            if zlib.crc32(view[:n - 4]) != int.from_bytes(view[n - 4:n], "little"):
                return "seq %d: checksum mismatch in %d-byte payload (torn)" % (seq, n)
            return None
        if bytes(view) != bytes(self.payload(seq, n)):
            return "seq %d: %d-byte payload differs (torn)" % (seq, n)
        return None
