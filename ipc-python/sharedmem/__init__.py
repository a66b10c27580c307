"""sharedmem: named shared-memory blocks and message rings shared with Java (and other Python) processes.

The same bytes and guarantees as the Java library ``io.sharedmem`` (docs/LAYOUT.md, layout version 2)::

    from sharedmem import SharedBlock, SpscRing, MpscRing

Standard library only; 8-byte atomics through the C runtime's ``libatomic`` (see ``sharedmem._atomic``).
"""

from .block import SharedBlock
from .errors import (AtomicsUnavailableError, BlockAccessDeniedError, BlockExistsError, CorruptHeaderError,
                     LayoutVersionError, NoSuchBlockError, NotABlockError, NotFormattedError, OutOfSpaceError,
                     PeerDeadError, RoleFencedError, RoleTakenError, SharedMemoryError, WrongKindError)
from .mpsc import MpscConsumer, MpscRing
from .spsc import Consumer, Producer, SpscRing

__version__ = "0.1.0"

__all__ = [
    "SharedBlock", "SpscRing", "Producer", "Consumer", "MpscRing", "MpscConsumer",
    "SharedMemoryError", "BlockExistsError", "NoSuchBlockError", "NotABlockError", "BlockAccessDeniedError",
    "OutOfSpaceError", "NotFormattedError", "LayoutVersionError", "WrongKindError",
    "CorruptHeaderError", "RoleTakenError", "RoleFencedError", "PeerDeadError", "AtomicsUnavailableError",
]
