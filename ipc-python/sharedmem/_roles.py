"""Role slots (docs/LAYOUT.md section 2): taking a role by compare-and-set on its owner word, judging a holder,
fencing, releasing; and the one daemon thread per process that heartbeats every role this process holds."""

import os
import threading
import time

from . import _identity
from . import layout as L
from .errors import RoleFencedError, RoleTakenError

FREE = "FREE"
TAKING = "TAKING"
ALIVE = "ALIVE"
STALE = "STALE"
DEAD = "DEAD"

_TAKING_WAIT_S = 0.2


def owner_pid(word):
    return word & 0xFFFFFFFF


def owner_epoch(word):
    return word >> 32


class Holder:
    """A copy of one role slot, and the judgement of its holder (the table of docs/LAYOUT.md section 2)."""

    __slots__ = ("owner_word", "info_epoch", "pid", "start_ticks", "heartbeat_ns", "boot_id_hash", "pid_namespace",
                 "takeovers", "acquired_ms")

    def __init__(self, words, ints, offset):
        self.owner_word = words[(offset + L.SLOT_OWNER_WORD) >> 3]
        self.info_epoch = ints[(offset + L.SLOT_INFO_EPOCH) >> 2] & 0xFFFFFFFF
        self.pid = words[(offset + L.SLOT_PID) >> 3]
        self.start_ticks = words[(offset + L.SLOT_START_TICKS) >> 3]
        self.heartbeat_ns = words[(offset + L.SLOT_HEARTBEAT) >> 3]
        self.boot_id_hash = words[(offset + L.SLOT_BOOT_ID_HASH) >> 3]
        self.pid_namespace = words[(offset + L.SLOT_PID_NAMESPACE) >> 3]
        self.takeovers = words[(offset + L.SLOT_TAKEOVERS) >> 3]
        self.acquired_ms = words[(offset + L.SLOT_ACQUIRED_TIME) >> 3]

    def is_info_current(self):
        return self.info_epoch == owner_epoch(self.owner_word)

    def heartbeat_age_ns(self, now):
        return now - _signed(self.heartbeat_ns)

    def judge(self, now, liveness_ns):
        """(status, provably_dead): FREE, TAKING, ALIVE, STALE or DEAD; ``provably_dead`` when DEAD is proven."""
        if owner_pid(self.owner_word) == 0:
            return FREE, False
        fresh = self.heartbeat_age_ns(now) < liveness_ns
        if not self.is_info_current():
            return (TAKING, False) if fresh else (DEAD, True)
        me = _identity.ME
        if self.boot_id_hash != 0 and me.boot_id_hash != 0 and self.boot_id_hash != me.boot_id_hash:
            return DEAD, True
        if _identity.is_same_host(self.boot_id_hash, self.pid_namespace):
            seen = _identity.status(self.pid, self.start_ticks, self.boot_id_hash, self.pid_namespace)
            if seen == _identity.DEAD:
                return DEAD, True
            return (ALIVE, False) if fresh else (STALE, False)
        return (ALIVE, False) if fresh else (DEAD, False)


def _signed(v):
    return v - (1 << 64) if v >= 1 << 63 else v


class RoleSlot:
    """One role slot of a mapped header (producer or consumer)."""

    __slots__ = ("atomics", "offset", "block_name", "role", "_owner_index")

    def __init__(self, atomics, offset, block_name, role):
        self.atomics = atomics
        self.offset = offset
        self.block_name = block_name
        self.role = role
        self._owner_index = (offset + L.SLOT_OWNER_WORD) >> 3

    def holder(self):
        return Holder(self.atomics.words, self.atomics.ints, self.offset)

    def status(self, liveness_ns):
        return self.holder().judge(time.monotonic_ns(), liveness_ns)[0]

    def acquire(self, force, liveness_ns):
        """Takes the role. Returns (owner word installed, previous Holder or None, previous provably dead)."""
        a = self.atomics
        taking_since = None
        me = _identity.ME
        while True:
            word = a.words[self._owner_index]
            previous = None
            provably_dead = False
            if owner_pid(word) != 0:
                now = time.monotonic_ns()
                holder = self.holder()
                if holder.owner_word != word:
                    continue
                status, provably_dead = holder.judge(now, liveness_ns)
                if status == TAKING:
                    # A process is between its compare-and-set and writing its details: give it a moment.
                    if taking_since is None:
                        taking_since = now
                    if now - taking_since < _TAKING_WAIT_S * 1e9:
                        time.sleep(0.001)
                        continue
                    if not force:
                        raise self._taken(holder, "is taking it but never finished (it may have died at that "
                                                  "moment); take it over with force")
                elif status == STALE and not force:
                    raise self._taken(holder, "cannot be proven dead but its heartbeat is %d ms old (stopped or "
                                              "hung?); take it over with force"
                                      % (holder.heartbeat_age_ns(now) // 1000000))
                elif status == ALIVE:
                    if holder.pid == me.pid:
                        raise self._taken(holder, "is this process: one %s per ring, close the other one first"
                                          % self.role)
                    raise self._taken(holder, "is alive (heartbeat %d ms ago)"
                                      % (max(0, holder.heartbeat_age_ns(now)) // 1000000))
                previous = holder
            mine = (((owner_epoch(word) + 1) & 0xFFFFFFFF) << 32) | me.pid
            # The heartbeat before the compare-and-set: whoever sees our owner word also sees a fresh heartbeat, so
            # a taker between its compare-and-set and its details reads as TAKING, never as abandoned.
            a.words[(self.offset + L.SLOT_HEARTBEAT) >> 3] = time.monotonic_ns()
            if a.cas(self.offset + L.SLOT_OWNER_WORD, word, mine):
                self._write_details(mine, previous is not None)
                if a.words[self._owner_index] != mine:
                    raise self._lost()
                return mine, previous, provably_dead

    def _write_details(self, mine, takeover):
        w = self.atomics.words
        o = self.offset
        me = _identity.ME
        w[(o + L.SLOT_HEARTBEAT) >> 3] = time.monotonic_ns()
        w[(o + L.SLOT_PID) >> 3] = me.pid
        w[(o + L.SLOT_START_TICKS) >> 3] = me.start_ticks
        w[(o + L.SLOT_BOOT_ID_HASH) >> 3] = me.boot_id_hash
        w[(o + L.SLOT_PID_NAMESPACE) >> 3] = me.pid_namespace
        if takeover:
            w[(o + L.SLOT_TAKEOVERS) >> 3] = w[(o + L.SLOT_TAKEOVERS) >> 3] + 1
        w[(o + L.SLOT_ACQUIRED_TIME) >> 3] = int(time.time() * 1000)
        self.atomics.ints[(o + L.SLOT_INFO_EPOCH) >> 2] = _to_int32(owner_epoch(mine))  # release: details first

    def ensure_details(self, mine):
        """Writes this holder's details again if a taker it fenced wrote over them late."""
        a = self.atomics
        o = self.offset
        if (a.ints[(o + L.SLOT_INFO_EPOCH) >> 2] & 0xFFFFFFFF) != owner_epoch(mine) \
                or a.words[(o + L.SLOT_PID) >> 3] != _identity.ME.pid:
            self._write_details(mine, False)

    def is_held_by(self, mine):
        return self.atomics.words[self._owner_index] == mine

    def heartbeat(self, mine, now_ns):
        if self.atomics.words[self._owner_index] != mine:
            return False
        self.atomics.words[(self.offset + L.SLOT_HEARTBEAT) >> 3] = now_ns
        return True

    def release(self, mine):
        return self.atomics.cas(self.offset + L.SLOT_OWNER_WORD, mine, mine & 0xFFFFFFFF00000000)

    def fenced(self, mine):
        now = self.atomics.words[self._owner_index]
        return RoleFencedError(self.block_name, 'the %s role of ring "%s" was taken over%s (epoch %d, this process '
                                                'had epoch %d): this %s (pid %d) must stop'
                               % (self.role, self.block_name,
                                  " by pid %d" % owner_pid(now) if owner_pid(now) else "", owner_epoch(now),
                                  owner_epoch(mine), self.role, _identity.ME.pid))

    def _taken(self, holder, why):
        return RoleTakenError(self.block_name, 'the %s role of ring "%s" is held by pid %d, which %s'
                              % (self.role, self.block_name, holder.pid or owner_pid(holder.owner_word), why))

    def _lost(self):
        now = self.atomics.words[self._owner_index]
        return RoleTakenError(self.block_name, 'the %s role of ring "%s" was taken over by pid %d while this process '
                                               'was taking it' % (self.role, self.block_name, owner_pid(now)))


def _to_int32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


# ---- heartbeats ----------------------------------------------------------------------------------------------------

INTERVAL_S = max(1, int(os.environ.get("SHAREDMEM_HEARTBEAT_INTERVAL_MS", "100"))) / 1000.0

_tickers = []
_lock = threading.Lock()
_thread = None


def register(ticker):
    """Starts ticking a role (``ticker(now_ns)``): at once, then every interval, from one daemon thread."""
    global _thread
    ticker(time.monotonic_ns())
    with _lock:
        _tickers.append(ticker)
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_run, name="sharedmem-heartbeat", daemon=True)
            _thread.start()


def unregister(ticker):
    with _lock:
        try:
            _tickers.remove(ticker)
        except ValueError:
            pass


def _run():
    while True:
        time.sleep(INTERVAL_S)
        now = time.monotonic_ns()
        with _lock:
            tickers = list(_tickers)
        for ticker in tickers:
            try:
                ticker(now)
            except Exception:  # a ticker of a closed ring may fail once while being unregistered
                pass


def _after_fork_in_child():
    global _thread, _lock
    _thread = None
    _lock = threading.Lock()
    del _tickers[:]  # roles are the parent's: the child holds none


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
