"""The skipped zone of docs/LAYOUT.md section 5: a consistent copy of the zone record and where its occurrences are.

Positions here are unbounded Python ints ("unwrapped"); the record holds them modulo 2^48, and :func:`unwrap` puts a
48-bit value back next to a position it is known to be near (within 2^47).
"""

from . import layout as L

INFINITY = float("inf")
_STATE_INDEX = L.ZONE_STATE_OFFSET >> 3


def unwrap(value48, near):
    """The position congruent to ``value48`` modulo 2^48 that is nearest to ``near``."""
    d = (value48 - near) & L.POSITION_MASK
    if d >= L.HALF_POSITION_RANGE:
        d -= 1 << L.POSITION_BITS
    return near + d


class Zone:
    """A copy of the zone record, read as the page says: state word, fields, state word again, retry if it moved."""

    __slots__ = ("state_word", "state", "lift48", "start48", "end48", "fenced_owner", "fenced_start_ticks",
                 "fenced_boot_id_hash", "fenced_pid_namespace", "ack")

    def __init__(self, words):
        while True:
            sw = words[_STATE_INDEX]
            self.start48 = words[L.ZONE_START_OFFSET >> 3]
            self.end48 = words[L.ZONE_END_OFFSET >> 3]
            self.fenced_owner = words[L.ZONE_FENCED_OWNER_OFFSET >> 3]
            self.fenced_start_ticks = words[L.ZONE_FENCED_START_TICKS_OFFSET >> 3]
            self.fenced_boot_id_hash = words[L.ZONE_FENCED_BOOT_ID_HASH_OFFSET >> 3]
            self.fenced_pid_namespace = words[L.ZONE_FENCED_PID_NAMESPACE_OFFSET >> 3]
            self.ack = words[L.ZONE_ACK_OFFSET >> 3]
            if words[_STATE_INDEX] == sw:
                break
        self.state_word = sw
        self.state = sw >> L.POSITION_BITS
        self.lift48 = sw & L.POSITION_MASK

    def occurrence(self, p, capacity):
        """(start, end) of the occurrence that contains ``p`` or, if none does, the first one after it."""
        s = unwrap(self.start48, p)
        length = (self.end48 - self.start48) & L.POSITION_MASK
        if p < s:
            return s, s + length
        os_ = s + ((p - s) // capacity) * capacity
        if p < os_ + length:
            return os_, os_ + length
        return os_ + capacity, os_ + capacity + length

    def skips(self, occurrence_start, near, consumer):
        """Whether an occurrence is skipped: pending (producers only) or active, or lifted and beginning before the
        lift position."""
        st = self.state
        if st == L.ZONE_ACTIVE:
            return True
        if st == L.ZONE_PENDING:
            return not consumer
        if st == L.ZONE_LIFTED:
            return occurrence_start < unwrap(self.lift48, near)
        return False

    def next_skipped(self, p, capacity, consumer):
        """(start, end) of the first skipped occurrence starting at or after ``p``, or (INFINITY, INFINITY)."""
        if self.state == L.ZONE_NONE or (consumer and self.state == L.ZONE_PENDING):
            return INFINITY, INFINITY
        s, e = self.occurrence(p, capacity)
        if s < p:
            s, e = s + capacity, e + capacity
        if self.skips(s, p, consumer):
            return s, e
        return INFINITY, INFINITY

    def skipped_containing(self, p, capacity, consumer):
        """(start, end) of a skipped occurrence with start <= p < end, or None."""
        if self.state == L.ZONE_NONE:
            return None
        s, e = self.occurrence(p, capacity)
        if s <= p < e and self.skips(s, p, consumer):
            return s, e
        return None


def zone_end(start, capacity, max_msg_length):
    """The end of a zone made at ``start`` (docs/LAYOUT.md section 5, "Size")."""
    amax = L.align8(max_msg_length + L.RECORD_HEADER_LENGTH)
    r = capacity - (start & (capacity - 1))
    return start + amax + 8 if r >= amax + 8 else start + r + amax + 8
