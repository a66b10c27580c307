"""The errors of this package: the same conditions, names and messages as the Java library's exceptions.

Bad arguments (an invalid name, a size of zero, a capacity that is not a power of two) are ``ValueError``: they are
programming errors. Conditions of the machine or of another process are :class:`SharedMemoryError` subclasses; every
message names the block, the value found and, where there is one, what to do.
"""


class SharedMemoryError(Exception):
    """Base of every condition this package reports about a shared block.

    ``block_name`` is the block concerned, or ``None`` when no single block is.
    """

    def __init__(self, block_name, message):
        super().__init__(message)
        self.block_name = block_name


class BlockExistsError(SharedMemoryError, FileExistsError):
    """A block of that name exists already (create is exclusive)."""


class NoSuchBlockError(SharedMemoryError, FileNotFoundError):
    """No block of that name; the message names the directory searched."""


class NotABlockError(SharedMemoryError):
    """The name leads to a symbolic link, a directory or another non-regular file (links are never followed)."""


class BlockAccessDeniedError(SharedMemoryError, PermissionError):
    """Permissions forbid the access."""


class OutOfSpaceError(SharedMemoryError):
    """The file system has too little free space; nothing was left behind."""


class NotFormattedError(SharedMemoryError):
    """A raw block (or another program's file): no SharedMem header."""


class LayoutVersionError(SharedMemoryError):
    """A header written by an incompatible layout version."""


class WrongKindError(SharedMemoryError):
    """Another kind of ring than asked for."""


class CorruptHeaderError(SharedMemoryError):
    """Impossible header fields, a truncated file, or a corrupt record."""


class RoleTakenError(SharedMemoryError):
    """The role is held by a live (or not provably dead) process; the message names its pid."""


class RoleFencedError(SharedMemoryError):
    """This holder was forced out of its role by another process: it must stop."""


class PeerDeadError(SharedMemoryError):
    """Waiting on a full or empty ring whose other side died or went stale."""


class AtomicsUnavailableError(SharedMemoryError):
    """No way to do 8-byte atomic operations on this machine (the C runtime's libatomic is missing)."""
