"""``MpscRing``: consuming (and producing into) a many-producer ring whose payload is Agrona's
``ManyToOneRingBuffer`` (docs/LAYOUT.md section 8), fed by Java producers or Python ones.

Agrona's records are ``[int length, int type, payload]``, 8-byte aligned; a producer claims room by compare-and-set
on the tail, writes ``-length`` while it fills the record and commits with a release store of the length. The consumer
reads lengths with acquire, zeroes what it consumed and stores the head with release, as Agrona's ``read`` does.
"""

import time

from . import _ring, _roles
from . import layout as L
from .errors import CorruptHeaderError

_PADDING = -1


class MpscRing(_ring.FormattedRing):
    """A many-to-one ring: any number of producer processes, one consumer (with a role, heartbeat and fencing).

    >>> ring = MpscRing.attach("requests")
    >>> with ring.consumer() as consumer:
    ...     consumer.poll(lambda msg_type, view: print(msg_type, bytes(view)))

    Thread safety: producers (:meth:`offer`) from any thread of any process; one consumer thread.
    """

    KIND = L.KIND_MPSC

    def __init__(self, block, header, liveness_timeout=5.0):
        super().__init__(block, header, liveness_timeout)
        self._data = memoryview(block.mapping)
        self._base = header.payload_offset
        trailer = self._base + self._capacity
        self._tail_offset = trailer + L.MPSC_TAIL_POSITION
        self._head_cache_offset = trailer + L.MPSC_HEAD_CACHE_POSITION
        self._head_offset = trailer + L.MPSC_HEAD_POSITION
        self._heartbeat_offset = trailer + L.MPSC_CONSUMER_HEARTBEAT
        self._consumer = None

    def consumer(self, force=False):
        """Takes the consumer role (as ``SpscRing.consumer`` does)."""
        self._consumer = MpscConsumer(self, force)
        return self._consumer

    def offer(self, msg_type, data):
        """Writes one message as one more producer (Agrona's ``ManyToOneRingBuffer.write``); ``False`` when full.

        A compare-and-set per message: any number of processes and threads may offer at once."""
        if not isinstance(data, (bytes, bytearray)):
            data = memoryview(data).cast("B")
        n = len(data)
        if not isinstance(msg_type, int) or not 0 < msg_type < 0x80000000:
            raise ValueError('message type id must be 1 or more (and below 2^31), was %r (ring "%s")'
                             % (msg_type, self.name))
        if n > self._max_msg_length:
            raise ValueError('message of %d bytes does not fit ring "%s": its maximum is %d bytes (capacity %d / 8)'
                             % (n, self.name, self._max_msg_length, self._capacity))
        length = n + 8
        index = self._claim(length)
        if index < 0:
            return False
        ints = self._atomics.ints
        at = self._base + index
        self._data[at + 8:at + length] = data
        ints[(at + 4) >> 2] = msg_type
        ints[at >> 2] = length  # release: commits the record
        return True

    def _claim(self, length):
        """Agrona's ``claimCapacity``: the index of a record of ``length`` bytes (header included) claimed, its length
        word holding ``-length`` until committed; or -1 if there is no room. The negative lengths are stored with an
        exchange, a full barrier, as Agrona follows them with a release fence: nothing written after them becomes
        visible before them (``unblock`` relies on it)."""
        a, w, ints = self._atomics, self._atomics.words, self._atomics.ints
        cap, mask, base = self._capacity, self._capacity - 1, self._base
        required = (length + 7) & -8
        head = w[self._head_cache_offset >> 3]
        while True:
            tail = w[self._tail_offset >> 3]
            if required > cap - (tail - head):
                head = w[self._head_offset >> 3]
                if required > cap - (tail - head):
                    return -1
                w[self._head_cache_offset >> 3] = head
            padding = 0
            tail_index = tail & mask
            to_end = cap - tail_index
            if required > to_end:
                head_index = head & mask
                if required > head_index:
                    head = w[self._head_offset >> 3]
                    head_index = head & mask
                    if required > head_index:
                        return -1
                    w[self._head_cache_offset >> 3] = head
                padding = to_end
            if a.cas(self._tail_offset, tail, tail + required + padding):
                if padding:
                    at = base + tail_index
                    a.exchange_int(at, -padding)
                    ints[(at + 4) >> 2] = _PADDING
                    ints[at >> 2] = padding
                    tail_index = 0
                a.exchange_int(base + tail_index, -length)
                return tail_index

    def close(self):
        """Closes the consumer this object handed out, then unmaps the block. Idempotent."""
        if self._consumer is not None:
            self._consumer.close()
            self._consumer = None
        if self._atomics is not None:
            self._data.release()
        self._close_mapping()


class MpscConsumer:
    """The consumer role of an :class:`MpscRing`. One thread at a time.

    ``poll(handler, limit)`` calls ``handler(msg_type, view)`` with a read-only ``memoryview`` of each payload, valid
    only during the call."""

    def __init__(self, ring, force):
        self._ring = ring
        self._slot = ring._consumer_slot
        self._owner, self._previous, _ = self._slot.acquire(force, ring._liveness_ns)
        self._owner_index = (L.CONSUMER_SLOT_OFFSET + L.SLOT_OWNER_WORD) >> 3
        a = ring._atomics
        self._words, self._ints = a.words, a.ints
        self._data = memoryview(ring.block.mapping).toreadonly()
        self._zero_target = memoryview(ring.block.mapping)
        self._zeros = bytes(ring.capacity)
        self._closed = False

        def tick(now_ns):
            if not self._closed and self._slot.heartbeat(self._owner, now_ns):
                self._slot.ensure_details(self._owner)
                self._words[ring._heartbeat_offset >> 3] = int(time.time() * 1000)
        self._ticker = tick
        _roles.register(tick)

    @property
    def took_over(self):
        return self._previous is not None

    def poll(self, handler, limit=64):
        """Delivers up to ``limit`` messages (Agrona's ``read``); a handler that raises leaves its message
        consumed. Raises :class:`~sharedmem.RoleFencedError` if another consumer took the role over."""
        words, ints, data = self._words, self._ints, self._data
        if words[self._owner_index] != self._owner:
            raise self._slot.fenced(self._owner)
        ring = self._ring
        cap, base = ring._capacity, ring._base
        head_index_word = ring._head_offset >> 3
        head = words[head_index_word]
        head_index = head & (cap - 1)
        contiguous = cap - head_index
        read = 0
        n = 0
        try:
            while read < contiguous and n < limit:
                at = base + head_index + read
                length = ints[at >> 2]
                if length <= 0:
                    break
                if length < 8 or ((length + 7) & -8) > contiguous - read:
                    raise CorruptHeaderError(ring.name, 'ring "%s" is corrupt: the record at index %d has length %d'
                                             % (ring.name, head_index + read, length))
                read += (length + 7) & -8
                msg_type = ints[(at + 4) >> 2]
                if msg_type == _PADDING:
                    continue
                n += 1
                view = data[at + 8:at + length]
                handler(msg_type, view)
                view.release()
        finally:
            if read:
                start = base + head_index
                self._zero_target[start:start + read] = memoryview(self._zeros)[:read]
                words[head_index_word] = head + read  # release: the zeroes are visible before the space is free
        return n

    def unblock(self):
        """Agrona's ``unblock``: after a producer died between claim and commit, turns its claim into padding so the
        ring moves on. Call when :meth:`poll` makes no progress although producers wait. Returns whether it did."""
        ring = self._ring
        words, ints = self._words, self._ints
        cap, base = ring._capacity, ring._base
        head = words[ring._head_offset >> 3]
        tail = words[ring._tail_offset >> 3]
        if head == tail:
            return False
        mask = cap - 1
        consumer_index = head & mask
        producer_index = tail & mask
        at = base + consumer_index
        length = ints[at >> 2]
        if length < 0:
            ints[(at + 4) >> 2] = _PADDING
            ints[at >> 2] = -length
            return True
        if length == 0:
            limit = producer_index if producer_index > consumer_index else cap
            i = consumer_index + 8
            while i < limit:
                if ints[(base + i) >> 2] != 0:
                    if all(ints[(base + j) >> 2] == 0 for j in range(consumer_index, i, 8)):
                        ints[(at + 4) >> 2] = _PADDING
                        ints[at >> 2] = i - consumer_index
                        return True
                    return False
                i += 8
        return False

    def close(self):
        """Releases the consumer role (idempotent)."""
        if self._closed:
            return
        self._closed = True
        _roles.unregister(self._ticker)
        self._slot.release(self._owner)
        self._data.release()
        self._zero_target.release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
