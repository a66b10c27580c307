"""What every ring kind shares: the formatted block under it, creating and attaching by kind, the consumer role slot,
the facts of its header."""

from . import _atomic, _header, _roles
from . import layout as L


class FormattedRing:
    """Base of :class:`~sharedmem.SpscRing` and :class:`~sharedmem.MpscRing`; ``KIND`` names the header's kind."""

    KIND = None

    def __init__(self, block, header, liveness_timeout):
        self._block = block
        self._header = header
        self._capacity = header.capacity
        self._max_msg_length = header.max_msg_length
        self._liveness_ns = int(liveness_timeout * 1e9)
        self._check_header(block, header)
        self._atomics = _atomic.Atomics(block.mapping)
        self._consumer_slot = _roles.RoleSlot(self._atomics, L.CONSUMER_SLOT_OFFSET, block.name, "consumer")

    def _check_header(self, block, header):
        """Kind-specific checks of a validated header; close the block and raise to refuse it."""

    @classmethod
    def create(cls, name, capacity=64 * 1024, *, directory=None, user_type_id=0, liveness_timeout=5.0):
        """Creates a ring: a block of ``capacity`` data bytes (a power of two from 64 bytes to 1 GiB; the largest
        message is ``capacity / 8`` bytes) after the 1024-byte header. Raises as ``SharedBlock.create`` does."""
        _atomic.check_available()
        block = _header.create(name, cls.KIND, capacity, directory=directory, user_type_id=user_type_id)
        return cls(block, _header.parse(block), liveness_timeout)

    @classmethod
    def attach(cls, name, *, directory=None, liveness_timeout=5.0):
        """Attaches to an existing ring. Never waits: a ring is named only once complete.

        Raises :class:`~sharedmem.NoSuchBlockError`, :class:`~sharedmem.NotFormattedError`,
        :class:`~sharedmem.LayoutVersionError`, :class:`~sharedmem.WrongKindError`,
        :class:`~sharedmem.CorruptHeaderError`."""
        _atomic.check_available()
        block, header = _header.attach(name, cls.KIND, directory=directory)
        return cls(block, header, liveness_timeout)

    @property
    def name(self):
        """The ring's block name."""
        return self._block.name

    @property
    def block(self):
        """The :class:`~sharedmem.SharedBlock` underneath."""
        return self._block

    @property
    def capacity(self):
        """Bytes of the data region."""
        return self._capacity

    @property
    def max_msg_length(self):
        """The largest payload: ``capacity / 8`` bytes."""
        return self._max_msg_length

    def consumer_status(self):
        """``FREE``, ``TAKING``, ``ALIVE``, ``STALE`` or ``DEAD`` (reads /proc: not for hot paths)."""
        return self._consumer_slot.status(self._liveness_ns)

    def _close_mapping(self):
        if self._atomics is not None:
            self._atomics.close()
            self._atomics = None
        self._block.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return "%s(name=%r, capacity=%d)" % (type(self).__name__, self.name, self._capacity)
