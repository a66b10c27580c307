"""``SpscRing``: the single-producer single-consumer ring of docs/LAYOUT.md (layout version 2), from Python.

The same bytes, roles and guarantees as the Java library's ``SpscRing``: a Java producer feeds a Python consumer and
the reverse, and either side may be killed at any instruction without a torn or phantom message reaching the other.

Hot paths (``offer``, ``try_claim``/``commit``, ``poll``) make no system calls and take no locks. On x86-64 they
touch shared words only by ``memoryview`` indexing (see ``sharedmem._atomic`` for why that is an acquire load and a
release store there); the consumer makes one ``libatomic`` compare-and-set per batch, the producer none.
"""

import os
import socket
import time

from . import _identity, _ring, _roles
from . import layout as L
from ._zone import INFINITY, Zone, unwrap, zone_end
from .errors import CorruptHeaderError, PeerDeadError, RoleTakenError, SharedMemoryError

DEFAULT_CAPACITY = 64 * 1024
DEFAULT_LIVENESS_TIMEOUT = 5.0

_M48 = L.POSITION_MASK
_PADDING_HEADER = L.PADDING_TYPE_U32 << 32
_HEAD_INDEX = L.HEAD_WORD_OFFSET >> 3
_SLEEP_INDEX = L.SLEEPING_FLAG_OFFSET >> 2
_ZONE_STATE_INDEX = L.ZONE_STATE_OFFSET >> 3
_ZONE_START_INDEX = L.ZONE_START_OFFSET >> 3
_LIFT_CHECK_INTERVAL_NS = 100_000_000
_SPINS_BEFORE_YIELD = 200


class SpscRing(_ring.FormattedRing):
    """A ring laid over a named block: one producer process, one consumer process, either may start first.

    >>> ring = SpscRing.create_or_attach("orders", 1 << 20)
    >>> with ring.producer() as producer:                      # another process: ring.consumer()
    ...     producer.offer(1, b"hello")

    Thread safety: the ring object may be shared by threads; a :class:`Producer` or :class:`Consumer` is used by one
    thread at a time.
    """

    KIND = L.KIND_SPSC

    def __init__(self, block, header, liveness_timeout=DEFAULT_LIVENESS_TIMEOUT):
        super().__init__(block, header, liveness_timeout)
        self._producer_slot = _roles.RoleSlot(self._atomics, L.PRODUCER_SLOT_OFFSET, block.name, "producer")
        self._sides = []

    def _check_header(self, block, header):
        if header.max_msg_length != header.capacity // 8:
            block.close()
            raise CorruptHeaderError(block.name, 'ring "%s" has maximum message length %d, but an spsc-ring of '
                                                 'capacity %d must have %d' % (block.name, header.max_msg_length,
                                                                              header.capacity, header.capacity // 8))

    # ---- factories -------------------------------------------------------------------------------------------------

    @classmethod
    def create_or_attach(cls, name, capacity=DEFAULT_CAPACITY, *, directory=None,
                         liveness_timeout=DEFAULT_LIVENESS_TIMEOUT):
        """Creates the ring, or attaches to it if it exists (with the same capacity, else an error)."""
        from .errors import BlockExistsError
        try:
            return cls.create(name, capacity, directory=directory, liveness_timeout=liveness_timeout)
        except BlockExistsError:
            ring = cls.attach(name, directory=directory, liveness_timeout=liveness_timeout)
            if ring.capacity != capacity:
                found = ring.capacity
                ring.close()
                raise SharedMemoryError(ring.name, 'ring "%s" exists with capacity %d, not the %d asked for'
                                        % (ring.name, found, capacity))
            return ring

    # ---- roles -----------------------------------------------------------------------------------------------------

    def producer(self, force=False):
        """Takes the producer role. A holder that is provably dead is taken over automatically; one whose heartbeat
        is older than the liveness time-out only with ``force`` (it is then fenced). Raises
        :class:`~sharedmem.RoleTakenError` naming a live holder's pid."""
        side = Producer(self, force)
        self._sides.append(side)
        return side

    def consumer(self, force=False):
        """Takes the consumer role (as :meth:`producer`)."""
        side = Consumer(self, force)
        self._sides.append(side)
        return side

    def producer_status(self):
        """``FREE``, ``TAKING``, ``ALIVE``, ``STALE`` or ``DEAD`` (reads /proc: not for hot paths)."""
        return self._producer_slot.status(self._liveness_ns)

    def is_producer_alive(self):
        return self.producer_status() == _roles.ALIVE

    def is_consumer_alive(self):
        return self.consumer_status() == _roles.ALIVE

    # ---- facts -----------------------------------------------------------------------------------------------------

    def head_position(self):
        """The consumer's position (48 bits)."""
        return self._atomics.words[_HEAD_INDEX] & _M48

    def unlink_if_unused(self):
        """Removes the ring's name when neither role is held by a live process; returns whether it did."""
        for slot in (self._producer_slot, self._consumer_slot):
            if slot.status(self._liveness_ns) in (_roles.ALIVE, _roles.TAKING, _roles.STALE):
                return False
        try:
            self._block.unlink()
        except FileNotFoundError:
            return False
        return True

    def close(self):
        """Closes the producer and consumer this object handed out (releasing their roles), then unmaps the block.
        Idempotent; does not remove the name."""
        for side in self._sides:
            side.close()
        self._sides = []
        self._close_mapping()


class _Side:
    """What a producer and a consumer share: the role, its heartbeat, fencing."""

    # Slots, not a dict: attribute loads on the hot paths are then the interpreter's fastest kind.
    __slots__ = ("_ring", "_slot", "_name", "_words", "_ints", "_atomics", "_data", "_cap", "_mask", "_base",
                 "_data8", "_owner", "_previous", "_previous_provably_dead", "_owner_index", "_closed", "_ticker",
                 "__weakref__")

    def __init__(self, ring, slot, force):
        self._ring = ring
        self._slot = slot
        self._name = ring.name
        a = ring._atomics
        self._words = a.words
        self._ints = a.ints
        self._atomics = a
        self._data = memoryview(ring._block.mapping)
        self._cap = ring._capacity
        self._mask = ring._capacity - 1
        self._base = ring._header.payload_offset
        self._owner, self._previous, self._previous_provably_dead = slot.acquire(force, ring._liveness_ns)
        self._owner_index = (slot.offset + L.SLOT_OWNER_WORD) >> 3
        self._closed = False
        self._ticker = None

    @property
    def took_over(self):
        """Whether the role was taken from a holder that had not released it."""
        return self._previous is not None

    @property
    def previous_holder_pid(self):
        """That holder's pid, or 0."""
        return self._previous.pid if self._previous is not None else 0

    def _start_heartbeat(self):
        def tick(now_ns):
            if not self._closed and self._slot.heartbeat(self._owner, now_ns):
                self._slot.ensure_details(self._owner)
                self._publish_counters()
        self._ticker = tick
        _roles.register(tick)

    def _publish_counters(self):
        pass

    def _fenced(self):
        raise self._slot.fenced(self._owner)

    def _abandon(self):
        """Undoes a constructor that failed after taking the role."""
        self._slot.release(self._owner)
        self._data.release()
        self._data8.release()

    def close(self):
        """Releases the role (idempotent)."""
        if self._closed:
            return
        if self._ticker is not None:
            _roles.unregister(self._ticker)
            self._publish_counters()
        self._closed = True
        self._slot.release(self._owner)
        self._data.release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Producer(_Side):
    """The producer role of an :class:`SpscRing`. One thread at a time.

    ``offer(type, data)`` copies a message in; ``try_claim(type, length)`` hands out a ``memoryview`` to write in place,
    then ``commit()`` (or ``abort()``). Both return ``False``/``None`` when the ring is full.
    """

    __slots__ = ("_max_length", "_msgs", "_bytes", "_stalls", "_claim", "_claim_t", "_claim_header", "_offer_max",
                 "_doorbell", "_next_lift_check", "_tw", "_lap", "_head", "_zone", "_lim_w", "_epoch_index",
                 "_epoch32")

    def __init__(self, ring, force=False):
        super().__init__(ring, ring._producer_slot, force)
        self._max_length = ring._max_msg_length
        self._msgs = 0
        self._bytes = 0
        self._stalls = 0
        self._claim = None
        self._claim_t = 0
        self._claim_header = 0
        self._offer_max = self._max_length
        self._data8 = self._data[8:]  # record payloads start 8 bytes after their header word
        # Step 1 of producing reads the owner word's epoch half: every acquisition increments the epoch, so it
        # differs from ours exactly when another process has taken the role (a small int: nothing allocated).
        self._epoch_index = (ring._producer_slot.offset + L.SLOT_OWNER_WORD + 4) >> 2
        self._epoch32 = _roles._to_int32(self._owner >> 32)
        self._doorbell = None
        self._next_lift_check = 0
        try:
            t = self._recover()
            self._set_tail(t)
            self._head = self._read_head(t)
            self._zone = Zone(self._words)
            self._lim_w = -1  # the first message computes it
            if self._zone.state == L.ZONE_PENDING:
                self._activate_zone(self._zone, t)  # else the first offers try again
        except BaseException:
            self._abandon()
            raise
        self._start_heartbeat()

    # ---- taking over (docs/LAYOUT.md section 3, "Taking over") ----------------------------------------------------

    def _read_head(self, near=None):
        h48 = self._words[_HEAD_INDEX] & _M48
        return h48 if near is None else unwrap(h48, near)

    def _recover(self):
        """Finds the true tail by walking committed records from the head; installs a zone if the previous holder
        may still write. Returns the position to produce at."""
        w = self._words
        base, cap, mask = self._base, self._cap, self._mask
        head = self._read_head()
        zone = Zone(w)
        p = head
        tail = None
        while tail is None:
            inside = zone.skipped_containing(p, cap, consumer=False)
            if inside is not None:
                if zone.state == L.ZONE_PENDING:
                    tail = inside[1]  # its activation is still to do (step 2 of producing)
                    break
                p = inside[1]
                continue
            word = w[(base + (p & mask)) >> 3]
            length = word & 0xFFFFFFFF
            if length == 0:
                tail = p
                break
            if length < 8 or L.align8(length) > cap - (p & mask) or p - head > cap:
                raise CorruptHeaderError(self._name, 'ring "%s" is corrupt: a record at position %d has length %d '
                                                     '(capacity %d); remove it (ipc rm %s) and create it again'
                                         % (self._name, p & _M48, length, cap, self._name))
            p += L.align8(length)
        if self._previous is not None and not self._previous_provably_dead:
            tail = self._install_zone(tail, head)
        return tail

    def _install_zone(self, tail, head):
        """A zone at the true tail for a previous holder that may still finish the record it had begun."""
        a, w = self._atomics, self._words
        zone = Zone(w)
        if zone.state == L.ZONE_LIFTED and head >= unwrap(zone.lift48, head):
            a.cas(L.ZONE_STATE_OFFSET, zone.state_word, 0)
            zone = Zone(w)
        if zone.state != L.ZONE_NONE:
            self._slot.release(self._owner)
            raise RoleTakenError(self._name, 'the producer role of ring "%s" cannot be forced again yet: the zone '
                                             'left by the last forced takeover (fenced owner word 0x%x) is still in '
                                             'use; wait until that holder has stopped or died'
                                 % (self._name, zone.fenced_owner))
        end = zone_end(tail, self._cap, self._max_length)
        prev = self._previous
        w[L.ZONE_START_OFFSET >> 3] = tail & _M48
        w[L.ZONE_END_OFFSET >> 3] = end & _M48
        w[L.ZONE_FENCED_OWNER_OFFSET >> 3] = prev.owner_word
        w[L.ZONE_FENCED_START_TICKS_OFFSET >> 3] = prev.start_ticks
        w[L.ZONE_FENCED_BOOT_ID_HASH_OFFSET >> 3] = prev.boot_id_hash
        w[L.ZONE_FENCED_PID_NAMESPACE_OFFSET >> 3] = prev.pid_namespace
        w[L.ZONE_ACK_OFFSET >> 3] = 0
        if not a.cas(L.ZONE_STATE_OFFSET, 0, L.ZONE_PENDING << 48):
            raise RoleTakenError(self._name, 'ring "%s": another producer made a zone at the same time' % self._name)
        return end

    # ---- placing a record: the slow path ----------------------------------------------------------------------
    #
    # The hot paths keep the tail as ``_tw``, the index of its header word in the mapping (byte offset / 8), and
    # ``_lap``, the position of the start of the current lap: the tail position is ``_lap + 8 * _tw - _base``. (Word
    # indexes and fewer sums mean fewer integer objects made per message.) A record whose end has word index ``end``
    # needs no call here while ``end <= _lim_w``: it does not reach the end of the region (its zero word stays in
    # this lap), its zero word stays 8 bytes clear of the head + capacity, and of the next skipped zone occurrence.

    def _tail(self):
        return self._lap + (self._tw << 3) - self._base

    def _set_tail(self, t):
        self._tw = (self._base + (t & self._mask)) >> 3
        self._lap = t - (t & self._mask)

    def _room(self, aligned):
        """Makes room for a record of ``aligned`` bytes (docs/LAYOUT.md section 3, steps 2 to 4): activates a pending
        zone, pads before a zone occurrence or at the region end, re-reads the head. Returns the tail position to
        write at, or -1 if the ring is full; updates ``_lim_w``."""
        w, cap, mask, base = self._words, self._cap, self._mask, self._base
        t = self._tail()
        while True:
            zone = self._zone
            if zone.state == L.ZONE_PENDING and not self._activate_zone(zone, t):
                return -1
            if zone.state in (L.ZONE_ACTIVE, L.ZONE_LIFTED):
                self._maybe_lift_or_clear(t)
                zone = self._zone
            s, e = zone.next_skipped(t, cap, consumer=False)
            x = t + cap - (t & mask)
            if s < t + aligned + 8:
                # Pad up to the occurrence (or the region end before it); a padding ending at the occurrence puts
                # its zero word at the occurrence's end, where the tail goes next.
                pend = s if s < x else x
                zero_at = e if pend == s else pend
                if zero_at + 8 > self._head + cap and not self._refresh_head(zero_at + 8, t):
                    return -1
                w[(base + (zero_at & mask)) >> 3] = 0
                if pend > t:
                    w[(base + (t & mask)) >> 3] = _PADDING_HEADER | (pend - t)
                t = e if pend == s else x
                self._set_tail(t)
                continue
            if (t & mask) + aligned > cap:
                if x + 8 > self._head + cap and not self._refresh_head(x + 8, t):
                    return -1
                w[(base + (x & mask)) >> 3] = 0
                w[(base + (t & mask)) >> 3] = _PADDING_HEADER | (x - t)
                t = x
                self._set_tail(t)
                continue
            if t + aligned + 8 > self._head + cap and not self._refresh_head(t + aligned + 8, t):
                return -1
            lim = min(x - 8, self._head + cap - 8, s - 8)
            self._lim_w = (base + (lim - self._lap)) >> 3 if lim >= t else -1
            return t

    def _refresh_head(self, needed_end, t):
        self._head = self._read_head(t)
        if needed_end <= self._head + self._cap:
            return True
        self._stalls += 1
        self._lim_w = -1
        self._words[L.TAIL_HINT_OFFSET >> 3] = t & _M48  # published when the ring is full, and by the heartbeat
        return False

    def _activate_zone(self, zone, t):
        """pending -> active, once the word at the zone's end can be zeroed (docs/LAYOUT.md section 5)."""
        e = unwrap(zone.end48, t)
        if e + 8 > self._head + self._cap and not self._refresh_head(e + 8, t):
            return False
        self._words[(self._base + (e & self._mask)) >> 3] = 0
        self._atomics.cas(L.ZONE_STATE_OFFSET, zone.state_word, L.ZONE_ACTIVE << 48)
        self._zone = Zone(self._words)
        return True

    def _maybe_lift_or_clear(self, t):
        """Lifts an active zone once its fenced holder is provably dead or has acknowledged; clears a lifted one
        once the consumer has passed the lift position (docs/LAYOUT.md section 5). Looks at most every 100 ms."""
        zone = self._zone
        now = time.monotonic_ns()
        if now < self._next_lift_check:
            return
        self._next_lift_check = now + _LIFT_CHECK_INTERVAL_NS
        a = self._atomics
        if zone.state == L.ZONE_ACTIVE:
            done = zone.ack == zone.fenced_owner or _identity.status(
                zone.fenced_owner & 0xFFFFFFFF, zone.fenced_start_ticks, zone.fenced_boot_id_hash,
                zone.fenced_pid_namespace) == _identity.DEAD
            if done:
                s, _ = zone.occurrence(t, self._cap)
                lift = s if s > t else s + self._cap
                a.cas(L.ZONE_STATE_OFFSET, zone.state_word, (L.ZONE_LIFTED << 48) | (lift & _M48))
                self._zone = Zone(self._words)
        elif zone.state == L.ZONE_LIFTED:
            if self._read_head(t) >= unwrap(zone.lift48, t):
                a.cas(L.ZONE_STATE_OFFSET, zone.state_word, 0)
                self._zone = Zone(self._words)

    # ---- the hot paths ---------------------------------------------------------------------------------------------

    def offer(self, msg_type, data):
        """Copies one message into the ring; ``False`` when it is full.

        ``msg_type`` is 1 or more; ``data`` any bytes-like object of at most :attr:`max_msg_length` bytes. Raises
        :class:`~sharedmem.RoleFencedError` if another process took the role over, ``ValueError`` for a bad type or
        length."""
        n = len(data)
        if n > self._offer_max or not 0 < msg_type < 0x80000000:
            data = self._check(msg_type, data)
            n = len(data)
        if self._ints[self._epoch_index] != self._epoch32:  # step 1, before any write of the record
            self._fenced()
        tw = self._tw
        end = tw + ((n + 15) >> 3)
        if end > self._lim_w:
            return self._offer_slow(msg_type, data, n)
        b = tw << 3
        try:
            self._data8[b:b + n] = data
        except (ValueError, TypeError):  # not bytes: checked and cast, nothing written yet
            return self.offer(msg_type, self._check(msg_type, data, True))
        w = self._words
        w[end] = 0
        w[tw] = (msg_type << 32) | (n + 8)  # release: the commit
        self._tw = end
        self._msgs += 1
        self._bytes += n
        if self._ints[_SLEEP_INDEX]:
            self._ring_doorbell()
        return True

    def _offer_slow(self, msg_type, data, n):
        aligned = (n + 15) & -8
        t = self._room(aligned)
        if t < 0:
            return False
        i = self._base + (t & self._mask)
        try:
            self._data[i + 8:i + 8 + n] = data
        except (ValueError, TypeError):
            data = self._check(msg_type, data, True)
            return self.offer(msg_type, data)
        self._commit_at(t, aligned, (msg_type << 32) | (n + 8))
        self._msgs += 1
        self._bytes += n
        if self._ints[_SLEEP_INDEX]:
            self._ring_doorbell()
        return True

    def _commit_at(self, t, aligned, header):
        w, base, mask = self._words, self._base, self._mask
        end = t + aligned
        w[(base + (end & mask)) >> 3] = 0
        w[(base + (t & mask)) >> 3] = header
        self._set_tail(end)
        if end & mask == 0:
            self._lim_w = -1  # a new lap: _lim_w was an index in the last one

    def try_claim(self, msg_type, length):
        """Claims room for a message of ``length`` bytes and returns a writable ``memoryview`` of exactly that
        many bytes in the ring, or ``None`` when it is full. Write the message, then :meth:`commit` (or
        :meth:`abort`); the view is released then. One claim at a time."""
        if self._claim is not None:
            raise ValueError('ring "%s": a claim is already outstanding; commit or abort it first' % self._name)
        if not 0 <= length <= self._max_length or not 0 < msg_type < 0x80000000:
            self._check_type(msg_type)
            self._check_length(length)
        if self._words[self._owner_index] != self._owner:
            self._fenced()
        aligned = (length + 15) & -8
        if self._tw + (aligned >> 3) <= self._lim_w:
            t = self._tail()
        else:
            t = self._room(aligned)
            if t < 0:
                return None
        i = self._base + (t & self._mask)
        view = self._data[i + 8:i + 8 + length]
        self._claim = view
        self._claim_t = t
        self._claim_header = (msg_type << 32) | (length + 8)
        self._offer_max = -1  # offers go through _check, which refuses them while the claim is outstanding
        return view

    def commit(self):
        """Publishes the claimed message (its zero word, then one release store of its header word)."""
        self._finish(self._claim_header)

    def abort(self):
        """Gives the claimed room back as padding: the consumer skips it."""
        self._finish(_PADDING_HEADER | (self._claim_header & 0xFFFFFFFF))

    def _finish(self, header):
        view = self._claim
        if view is None:
            raise ValueError('ring "%s": no claim is outstanding' % self._name)
        self._claim = None
        self._offer_max = self._max_length
        try:
            view.release()
        except BufferError:
            pass  # the caller keeps an export of it: its own business after the commit
        if self._words[self._owner_index] != self._owner:
            self._fenced()
        length = header & 0xFFFFFFFF
        self._commit_at(self._claim_t, (length + 7) & -8, header)
        if header >> 32 != L.PADDING_TYPE_U32:
            self._msgs += 1
            self._bytes += length - 8
        if self._ints[_SLEEP_INDEX]:
            self._ring_doorbell()

    def write(self, msg_type, data, timeout=None, idle=None):
        """Offers, waiting while the ring is full: up to ``timeout`` seconds (``None``: forever). Returns ``False``
        at the time-out; raises :class:`~sharedmem.PeerDeadError` if the consumer holding the role dies or goes
        stale meanwhile."""
        if self.offer(msg_type, data):
            return True
        waiter = _Waiter(self, self._ring._consumer_slot, timeout, idle)
        while not self.offer(msg_type, data):
            state = waiter.idle()
            if state is not None:
                if self.offer(msg_type, data):
                    return True
                if state is False:
                    return False
                raise state
        return True

    def _check(self, msg_type, data, cast=False):
        if self._claim is not None:
            raise ValueError('ring "%s": a claim is outstanding; commit or abort it before offering' % self._name)
        self._check_type(msg_type)
        if cast or not isinstance(data, (bytes, bytearray)):
            data = memoryview(data).cast("B")
        self._check_length(len(data))
        return data

    def _check_type(self, msg_type):
        if not isinstance(msg_type, int) or not 0 < msg_type < 0x80000000:
            raise ValueError('message type id must be 1 or more (and below 2^31), was %r (ring "%s")'
                             % (msg_type, self._name))

    def _check_length(self, length):
        if not 0 <= length <= self._max_length:
            raise ValueError('message of %d bytes does not fit ring "%s": its maximum is %d bytes (capacity %d / 8)'
                             % (length, self._name, self._max_length, self._cap))

    def _fenced(self):
        zone = Zone(self._words)
        if zone.fenced_owner == self._owner:
            self._words[L.ZONE_ACK_OFFSET >> 3] = self._owner  # stopped writing for good
        raise self._slot.fenced(self._owner)

    def _ring_doorbell(self):
        if self._doorbell is None:
            self._doorbell = _Doorbell(self._ring.block.path)
        self._doorbell.ring()

    def _publish_counters(self):
        w = self._words
        w[L.TAIL_HINT_OFFSET >> 3] = self._tail() & _M48
        w[L.PRODUCED_MESSAGES_OFFSET >> 3] = self._msgs
        w[L.PRODUCED_BYTES_OFFSET >> 3] = self._bytes
        w[L.FULL_STALLS_OFFSET >> 3] = self._stalls

    @property
    def position(self):
        """This producer's tail (bytes produced since the ring was created, 48 bits)."""
        return self._tail() & _M48

    @property
    def max_msg_length(self):
        return self._max_length

    def close(self):
        if self._closed:
            return
        if self._claim is not None:
            self.abort()
        if self._doorbell is not None:
            self._doorbell.close()
        super().close()
        self._data8.release()


class Consumer(_Side):
    """The consumer role of an :class:`SpscRing`. One thread at a time.

    ``poll(handler, limit)`` calls ``handler(msg_type, view)`` for up to ``limit`` waiting messages, in order, where
    ``view`` is a read-only ``memoryview`` of the payload in the ring, valid only during the call (it is released
    afterwards: copy with ``bytes(view)`` to keep it). Consumption is committed once per batch.
    """

    __slots__ = ("_epoch16", "_msgs", "_bytes", "_hw", "_lap", "_end_w", "_zone", "_zone_start_seen", "_zone_w")

    # The consumer keeps its position as ``_hw``, the index of the header word it reads next in the mapping (byte
    # offset / 8), and ``_lap``, the position of the start of the current lap: the position is
    # ``_lap + 8 * _hw - _base``. ``_zone_w`` is the word index of the next skipped zone occurrence in this lap, or
    # of the region's end when there is none in it: reaching it is the one test per message for both.

    def __init__(self, ring, force=False):
        super().__init__(ring, ring._consumer_slot, force)
        self._data.release()
        self._data = memoryview(ring._block.mapping).toreadonly()
        self._data8 = self._data[8:]
        self._epoch16 = (self._owner >> 32) & 0xFFFF
        self._msgs = 0
        self._bytes = 0
        self._end_w = (self._base + self._cap) >> 3
        try:
            self._set_position(self._take_head())
        except BaseException:
            self._abandon()
            raise
        self._start_heartbeat()

    def _take_head(self):
        """Puts this consumer's epoch into the head word, keeping the position (docs/LAYOUT.md, "Taking over")."""
        a = self._atomics
        while True:
            word = self._words[_HEAD_INDEX]
            if not self._slot.is_held_by(self._owner):
                self._fenced()
            if a.cas(L.HEAD_WORD_OFFSET, word, (self._epoch16 << 48) | (word & _M48)):
                return word & _M48

    def _position(self):
        return self._lap + (self._hw << 3) - self._base

    def _set_position(self, h):
        """Moves to position ``h`` (unbounded) and re-reads the zone record."""
        index = h & self._mask
        self._hw = (self._base + index) >> 3
        self._lap = h - index
        self._refresh_zone(h)

    def _refresh_zone(self, h):
        self._zone = Zone(self._words)
        self._zone_start_seen = self._zone.start48
        s, _ = self._zone.next_skipped(h, self._cap, consumer=True)
        self._zone_w = (self._base + (s - self._lap)) >> 3 if s < self._lap + self._cap else self._end_w

    def poll(self, handler, limit=64):
        """Delivers up to ``limit`` waiting messages to ``handler(msg_type, view)``; returns how many.

        A handler that raises leaves its message consumed (the batch is committed up to it), then the exception
        propagates. Raises :class:`~sharedmem.RoleFencedError` if another consumer took the role over: the batch is
        then delivered again by that consumer."""
        hw = self._hw
        h0 = self._lap + (hw << 3) - self._base
        words, data8, end_w, zone_w = self._words, self._data8, self._end_w, self._zone_w
        n = 0
        nbytes = 0
        try:
            while n < limit:
                if hw >= zone_w:
                    if hw == end_w:  # the end of the region: on to the next lap
                        self._lap += self._cap
                        hw = self._base >> 3
                        self._hw = hw
                        self._refresh_zone(self._lap)
                    else:
                        self._hw = hw
                        self._skip_zone()
                        hw = self._hw
                    zone_w = self._zone_w
                    continue
                word = words[hw]
                length = word & 0xFFFFFFFF
                if not length:
                    break
                nxt = hw + ((length + 7) >> 3)
                if length < 8 or nxt > end_w:
                    self._corrupt(hw, length)
                if word >> 32 == 0xFFFFFFFF:  # padding
                    hw = nxt
                    continue
                n += 1
                nbytes += length
                b = hw << 3
                view = data8[b:b + length - 8]
                hw = nxt  # before the call: a handler that raises leaves its message consumed
                handler(word >> 32, view)
                view.release()
        finally:
            self._hw = hw
            h = self._lap + (hw << 3) - self._base
            if h != h0:
                self._commit(h0, h)
                self._msgs += n
                self._bytes += nbytes - 8 * n
        if n == 0 and h == h0:
            return self._idle_zone_check(handler, limit)
        return n

    def _commit(self, h0, h):
        e = self._epoch16 << 48
        if not self._atomics.cas(L.HEAD_WORD_OFFSET, e | (h0 & _M48), e | (h & _M48)):
            self._fenced()

    def _skip_zone(self):
        """At the start of an occurrence: re-read the zone (it may have been lifted) and jump over it if skipped."""
        h = self._position()
        self._refresh_zone(h)
        occurrence = self._zone.skipped_containing(h, self._cap, consumer=True)
        if occurrence is not None and occurrence[0] == h:
            self._set_position(occurrence[1])
        elif self._zone_w <= self._hw:
            self._zone_w = self._end_w  # not skipped after all: nothing more in this lap

    def _idle_zone_check(self, handler, limit):
        """An empty batch: if the zone changed and the head lies inside a skipped occurrence, move past it."""
        w = self._words
        if w[_ZONE_STATE_INDEX] == self._zone.state_word and w[_ZONE_START_INDEX] == self._zone_start_seen:
            return 0
        h = self._position()
        self._refresh_zone(h)
        inside = self._zone.skipped_containing(h, self._cap, consumer=True)
        if inside is None:
            return 0
        self._commit(h, inside[1])
        self._set_position(inside[1])
        return self.poll(handler, limit)

    def read(self, handler, limit=64, timeout=None, idle=None):
        """Polls, waiting for messages up to ``timeout`` seconds (``None``: forever). Returns the count delivered
        (0 at the time-out); raises :class:`~sharedmem.PeerDeadError` when the producer holding the role dies or
        goes stale after everything it committed was delivered. ``idle``: "spin" (a core busy), "yield" (default:
        spins a while, then ``os.sched_yield()`` between polls) or "sleep" (0.5 ms between polls)."""
        n = self.poll(handler, limit)
        if n:
            return n
        waiter = _Waiter(self, self._ring._producer_slot, timeout, idle)
        while True:
            n = self.poll(handler, limit)
            if n:
                return n
            state = waiter.idle()
            if state is not None:
                n = self.poll(handler, limit)  # what it committed before dying is delivered first
                if n or state is False:
                    return n
                raise state

    def _corrupt(self, hw, length):
        index = (hw << 3) - self._base
        raise CorruptHeaderError(self._name, 'ring "%s" is corrupt: the record at position %d has length %d (capacity '
                                             '%d, index %d); remove it (ipc rm %s) and create it again'
                                 % (self._name, (self._lap + index) & _M48, length, self._cap, index, self._name))

    def _publish_counters(self):
        w = self._words
        w[L.CONSUMED_MESSAGES_OFFSET >> 3] = self._msgs
        w[L.CONSUMED_BYTES_OFFSET >> 3] = self._bytes

    @property
    def position(self):
        """This consumer's head (48 bits)."""
        return self._position() & _M48

    def close(self):
        if self._closed:
            return
        super().close()
        self._data8.release()


class _Waiter:
    """Waiting on the other side of the ring with a time-out, noticing when it dies."""

    def __init__(self, side, peer_slot, timeout, idle):
        self._side = side
        self._peer = peer_slot
        self._deadline = None if timeout is None else time.monotonic() + timeout
        self._idle = idle or "yield"
        self._spins = 0
        self._next_check = time.monotonic() + 0.05

    def idle(self):
        """Waits a little. Returns None to go on, False at the time-out, or a PeerDeadError (to raise after one more
        try) when the peer's holder died or went stale."""
        self._spins += 1
        if self._idle == "yield":
            if self._spins > _SPINS_BEFORE_YIELD:  # spin first: a message in flight is caught without a system call
                os.sched_yield()
        elif self._idle == "sleep":
            time.sleep(0.0005)
        elif self._idle != "spin":
            raise ValueError('idle must be "spin", "yield" or "sleep", was %r' % (self._idle,))
        now = time.monotonic()
        if now >= self._next_check:
            self._next_check = now + 0.05
            if not self._side._slot.is_held_by(self._side._owner):
                self._side._fenced()
            status = self._peer.status(self._side._ring._liveness_ns)
            if status in (_roles.DEAD, _roles.STALE):
                return PeerDeadError(self._side._name, 'the %s of ring "%s" is %s: %s'
                                     % (self._peer.role, self._side._name, status.lower(),
                                        "nothing more will come" if self._peer.role == "producer"
                                        else "nothing will make room"))
        if self._deadline is not None and now >= self._deadline:
            return False
        return None


class _Doorbell:
    """The producer's end of a sleeping consumer's doorbell (docs/LAYOUT.md section 6): one byte on a Unix socket."""

    def __init__(self, block_path):
        h = 0xcbf29ce484222325
        for b in os.path.abspath(block_path).encode("utf-8"):
            h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
        self._path = os.path.join(doorbell_directory(), "sharedmem-%x.bell" % h)
        self._sock = None
        self._next_attempt = 0.0

    def ring(self):
        if self._sock is None and not self._connect():
            return
        try:
            self._sock.send(b"\1", socket.MSG_DONTWAIT)
        except BlockingIOError:
            pass  # the consumer has bytes to read already: it will wake
        except OSError:
            self.close()
            if self._connect():
                try:
                    self._sock.send(b"\1", socket.MSG_DONTWAIT)
                except OSError:
                    self.close()

    def _connect(self):
        now = time.monotonic()
        if now < self._next_attempt:
            return False
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(self._path)
            s.setblocking(False)
            self._sock = s
            return True
        except OSError:
            self._next_attempt = now + 0.001
            try:
                s.close()
            except (OSError, UnboundLocalError):
                pass
            return False

    def close(self):
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
            self._sock = None


def doorbell_directory():
    """Where doorbell sockets live: the JVM's default temporary directory, /tmp (it does not follow $TMPDIR)."""
    return os.environ.get("SHAREDMEM_DOORBELL_DIR") or "/tmp"
