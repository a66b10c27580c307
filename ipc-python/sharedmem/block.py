"""``SharedBlock``: a named, fixed-size region of memory shared between processes, by the Java library's rules.

A block named ``orders`` is the file ``/dev/shm/orders`` on Linux (or in ``$SHAREDMEM_DIR``), the same file the Java
library and ``multiprocessing.shared_memory`` use. Unlike ``multiprocessing.shared_memory.SharedMemory``, this maps
the file directly (``os.open`` with ``O_NOFOLLOW``, then ``mmap``): there is no resource tracker, on any Python
version, so a block is removed only by :meth:`SharedBlock.unlink`, never behind the creator's back.
"""

import errno
import mmap
import os
import stat

from . import _names
from .errors import (BlockAccessDeniedError, BlockExistsError, NoSuchBlockError, NotABlockError, OutOfSpaceError,
                     SharedMemoryError)

OWNER_ONLY = 0o600
CREATING_PREFIX = ".sharedmem-creating-"
_RESERVE_CHUNK = 1 << 20


class SharedBlock:
    """A named block of shared memory, mapped into this process.

    >>> with SharedBlock.create("orders", 1024) as block:     # another process: SharedBlock.attach("orders")
    ...     block.buf[0] = 42
    ...     block.unlink()                                     # remove the name once everyone has attached

    - :meth:`create` fails if the name exists, never follows a symbolic link, gives the file owner-only permissions
      (``0600``) and reserves every page, so a full file system fails then with :class:`OutOfSpaceError` (leaving
      nothing behind) rather than with ``SIGBUS`` later. The block appears under its name only once complete.
    - :meth:`attach` takes the size from the file and never initialises, resets or removes anything.
    - :meth:`close` releases this process's mapping (idempotent); :meth:`unlink` removes the name. Processes that
      have the block mapped keep working after an unlink.

    ``buf`` is a ``memoryview`` of the whole block, as ``SharedMemory.buf`` is. After :meth:`close` it is released
    (using it raises ``ValueError``); views sliced from it keep the mapping alive until they are released, so no
    access can ever touch unmapped memory.

    Thread safety: the methods may be called from any thread; closing while other threads use ``buf`` makes their
    next access raise.
    """

    __slots__ = ("_name", "_directory", "_path", "_mmap", "_buf", "_size", "_read_only", "_closed", "__weakref__")

    def __init__(self, name, directory, mapping, size, read_only):
        self._name = name
        self._directory = directory
        self._path = os.path.join(directory, name)
        self._mmap = mapping
        self._size = size
        self._read_only = read_only
        self._buf = memoryview(mapping)
        self._closed = False

    # ---- factories -------------------------------------------------------------------------------------------------

    @classmethod
    def create(cls, name, size, *, directory=None, permissions=OWNER_ONLY):
        """Creates a new block exclusively; every byte starts as zero.

        ``name`` may be ``None`` for a generated one (``psm_`` and 8 hexadecimal digits; see :attr:`name`).
        ``permissions`` are applied exactly, whatever the umask. Raises ``ValueError`` for a bad name or size,
        :class:`BlockExistsError`, :class:`NotABlockError`, :class:`OutOfSpaceError` or :class:`SharedMemoryError`.
        """
        if name is None:
            _check_size_positive(size, "size of a new block must be positive, was %r")
            last = None
            for _ in range(16):
                try:
                    return cls.create(_names.generate(), size, directory=directory, permissions=permissions)
                except BlockExistsError as ex:
                    last = ex
            raise last
        bare = _names.normalise(name)
        _check_size_positive(size, 'size of block "' + bare + '" must be positive, was %r')
        if not permissions & 0o600 == 0o600:
            raise ValueError("permissions %s lack owner read and write: the creator could not use its own block"
                             % oct(permissions))
        dirpath = _names.resolve_directory(directory)
        fd = create_file(dirpath, bare, size, permissions)
        return cls._map(bare, dirpath, fd, False)

    @classmethod
    def attach(cls, name, *, directory=None, read_only=False):
        """Attaches to an existing block; the size is the file's. Writes through ``buf`` fail if ``read_only``.

        Raises ``ValueError`` for a bad name, :class:`NoSuchBlockError` (naming the directory searched),
        :class:`NotABlockError`, :class:`BlockAccessDeniedError` or :class:`SharedMemoryError`.
        """
        bare = _names.normalise(name)
        dirpath = _names.resolve_directory(directory)
        fd = open_existing(dirpath, bare, read_only)
        return cls._map(bare, dirpath, fd, read_only)

    @classmethod
    def create_or_attach(cls, name, size, *, directory=None, permissions=OWNER_ONLY):
        """Creates the block if it does not exist, else attaches to it; either way exactly ``size`` bytes (an
        existing block of another size is a :class:`SharedMemoryError`)."""
        bare = _names.normalise(name)
        _check_size_positive(size, 'size of block "' + bare + '" must be positive, was %r')
        for attempt in range(4):
            try:
                return cls.create(bare, size, directory=directory, permissions=permissions)
            except BlockExistsError:
                pass
            try:
                block = cls.attach(bare, directory=directory)
            except NoSuchBlockError:
                if attempt >= 3:
                    raise
                continue
            if block.size != size:
                found = block.size
                block.close()
                raise SharedMemoryError(bare, 'block "%s" exists with %d bytes, not the %d asked for; remove it '
                                              '(ipc rm %s) or ask for %d' % (bare, found, size, bare, found))
            return block

    @staticmethod
    def exists(name, *, directory=None):
        """Whether a block (a regular file; a symbolic link does not count) of that name exists."""
        bare = _names.normalise(name)
        try:
            st = os.lstat(os.path.join(_names.resolve_directory(directory), bare))
        except OSError:
            return False
        return stat.S_ISREG(st.st_mode)

    @staticmethod
    def remove(name, *, directory=None):
        """Removes a block's name without attaching (as ``ipc rm`` does, without the owner check)."""
        bare = _names.normalise(name)
        remove_file(_names.resolve_directory(directory), bare)

    @classmethod
    def _map(cls, name, dirpath, fd, read_only):
        path = os.path.join(dirpath, name)
        try:
            size = os.fstat(fd).st_size
            if size <= 0:
                raise SharedMemoryError(name, 'block "%s" at %s is empty (0 bytes): it is being created, or is not '
                                              'a block' % (name, path))
            access = mmap.ACCESS_READ if read_only else mmap.ACCESS_WRITE
            try:
                mapping = mmap.mmap(fd, size, access=access)
            except OSError as ex:
                raise SharedMemoryError(name, 'cannot map block "%s" at %s: %s' % (name, path, ex.strerror)) from ex
        finally:
            os.close(fd)
        return cls(name, dirpath, mapping, size, read_only)

    # ---- properties ------------------------------------------------------------------------------------------------

    @property
    def name(self):
        """The block's name, without a leading ``/``: the name other processes attach with."""
        return self._name

    @property
    def size(self):
        """The block's size in bytes."""
        return self._size

    @property
    def path(self):
        """The file behind the block."""
        return self._path

    @property
    def directory(self):
        """The directory the block lives in."""
        return self._directory

    @property
    def read_only(self):
        """Whether this process attached read-only."""
        return self._read_only

    @property
    def closed(self):
        """Whether :meth:`close` has been called."""
        return self._closed

    @property
    def buf(self):
        """A ``memoryview`` of the whole block (format ``B``). Raises ``ValueError`` once closed."""
        if self._closed:
            raise ValueError('block "%s" is closed' % self._name)
        return self._buf

    @property
    def mapping(self):
        """The ``mmap`` object behind the block (for code that needs the buffer protocol on it)."""
        if self._closed:
            raise ValueError('block "%s" is closed' % self._name)
        return self._mmap

    # ---- life cycle ------------------------------------------------------------------------------------------------

    def close(self):
        """Releases this process's mapping; idempotent. The block itself stays until :meth:`unlink`.

        ``buf`` is released first, so later use raises ``ValueError``. If views sliced from it are still alive, the
        mapping is left to go with the last of them (Python cannot unmap memory that a live view still exports).
        """
        if self._closed:
            return
        self._closed = True
        self._buf.release()
        try:
            self._mmap.close()
        except BufferError:
            pass  # views remain: the mapping is unmapped when the last of them is released or collected
        self._mmap = None

    def unlink(self):
        """Removes the block's name; processes that have it mapped, this one included, keep working.

        Raises :class:`NoSuchBlockError` if the name was already removed."""
        remove_file(self._directory, self._name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return "SharedBlock(name=%r, size=%d, path=%r%s%s)" % (
            self._name, self._size, self._path, ", read-only" if self._read_only else "",
            ", closed" if self._closed else "")


# ---- file operations (also used by the rings) ----------------------------------------------------------------------

def _check_size_positive(size, template):
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise ValueError(template % (size,))


def create_file(dirpath, name, size, permissions=OWNER_ONLY, prepare=None):
    """Creates a block file of ``size`` zero bytes under a hidden name, lets ``prepare(fd)`` write into it, then gives
    it its name with a hard link (which fails if the name exists). Returns an open read-write descriptor.

    A creator killed at any point leaves either no block under the name or a complete one (``ipc gc`` removes the
    hidden files of dead creators)."""
    path = os.path.join(dirpath, name)
    if not os.path.isdir(dirpath):
        raise SharedMemoryError(name, 'cannot create block "%s": the block directory %s (from %s) does not exist or '
                                      'is not a directory' % (name, dirpath, _names.directory_source(dirpath)))
    _refuse_existing(path, name)
    try:
        vfs = os.statvfs(dirpath)
        usable = vfs.f_bavail * vfs.f_frsize
    except OSError:
        usable = -1
    if 0 <= usable < size:
        raise OutOfSpaceError(name, 'cannot create block "%s" of %d bytes in %s: only %d bytes are free there; free '
                                    'some space or choose a smaller size' % (name, size, dirpath, usable))
    temp = os.path.join(dirpath, "%s%d-%s" % (CREATING_PREFIX, os.getpid(), os.urandom(8).hex()))
    fd = -1
    linked = False
    try:
        fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        os.fchmod(fd, permissions)  # exactly, whatever the umask
        _reserve(fd, size, name, dirpath)
        if prepare is not None:
            prepare(fd)
        try:
            os.link(temp, path)
        except FileExistsError as ex:
            _refuse_existing(path, name)
            raise BlockExistsError(name, 'cannot create block "%s": %s already exists; attach to it, or remove it '
                                         'first (ipc rm %s)' % (name, path, name)) from ex
        linked = True
        return fd
    except OSError as ex:
        raise translate(ex, name, dirpath, "create") from ex
    finally:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if not linked and fd >= 0:
            os.close(fd)


def _reserve(fd, size, name, dirpath):
    try:
        os.posix_fallocate(fd, 0, size)
        return
    except AttributeError:
        pass
    except OSError as ex:
        if ex.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise OutOfSpaceError(name, 'cannot create block "%s" of %d bytes in %s: no space left on the file '
                                        'system (%s); free some space or choose a smaller size'
                                  % (name, size, dirpath, ex.strerror)) from ex
        if ex.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
            raise
    zeros = bytes(min(_RESERVE_CHUNK, size))
    position = 0
    while position < size:
        n = min(len(zeros), size - position)
        try:
            position += os.pwrite(fd, zeros[:n] if n < len(zeros) else zeros, position)
        except OSError as ex:
            if ex.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                raise OutOfSpaceError(name, 'cannot create block "%s" of %d bytes in %s: no space left on the file '
                                            'system (%s); free some space or choose a smaller size'
                                      % (name, size, dirpath, ex.strerror)) from ex
            raise


def open_existing(dirpath, name, read_only):
    """Opens an existing block file without following a link; returns the descriptor."""
    path = os.path.join(dirpath, name)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise no_such_block(name, dirpath) from None
    except OSError as ex:
        raise translate(ex, name, dirpath, "attach to") from ex
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(name, path, st)
    flags = (os.O_RDONLY if read_only else os.O_RDWR) | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
    try:
        fd = os.open(path, flags)
    except OSError as ex:
        raise translate(ex, name, dirpath, "attach (read-only) to" if read_only else "attach to") from ex
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # replaced between the two looks
        os.close(fd)
        raise _not_regular(name, path, st)
    return fd


def remove_file(dirpath, name):
    path = os.path.join(dirpath, name)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise no_such_block(name, dirpath) from None
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(name, path, st)
    try:
        os.unlink(path)
    except OSError as ex:
        raise translate(ex, name, dirpath, "remove") from ex


def no_such_block(name, dirpath):
    return NoSuchBlockError(name, 'no block named "%s" in %s (directory from %s): create it first, or check the name '
                                  'and the directory (environment variable %s)'
                            % (name, dirpath, _names.directory_source(dirpath), _names.DIR_ENV_NAME))


def translate(ex, name, dirpath, action):
    """Turns an ``OSError`` on a block into the matching :class:`SharedMemoryError`."""
    if isinstance(ex, SharedMemoryError):
        return ex
    path = os.path.join(dirpath, name)
    reason = ex.strerror or str(ex)
    if ex.errno == errno.ENOENT:
        return no_such_block(name, dirpath)
    if ex.errno == errno.EEXIST:
        return BlockExistsError(name, 'cannot create block "%s": %s already exists; attach to it, or remove it first '
                                      '(ipc rm %s)' % (name, path, name))
    if ex.errno in (errno.EACCES, errno.EPERM):
        return BlockAccessDeniedError(name, 'permission denied: cannot %s block "%s" at %s%s; check its owner and '
                                            'permissions (ipc ls)' % (action, name, path, _describe(path)))
    if ex.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return OutOfSpaceError(name, 'cannot %s block "%s" in %s: no space left on the file system (%s); free some '
                                     'space or choose a smaller size' % (action, name, dirpath, reason))
    if ex.errno == errno.ELOOP:
        return NotABlockError(name, 'refusing to %s block "%s": %s is a symbolic link, and links are never followed'
                              % (action, name, path))
    return SharedMemoryError(name, 'cannot %s block "%s" at %s: %s' % (action, name, path, reason))


def _refuse_existing(path, name):
    try:
        st = os.lstat(path)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(name, path, st)
    raise BlockExistsError(name, 'cannot create block "%s": %s already exists (%d bytes); attach to it, or remove it '
                                 'first (ipc rm %s)' % (name, path, st.st_size, name))


def _not_regular(name, path, st):
    if stat.S_ISLNK(st.st_mode):
        what = "a symbolic link, and links are never followed"
    elif stat.S_ISDIR(st.st_mode):
        what = "a directory"
    else:
        what = "not a regular file (a device, FIFO or socket)"
    return NotABlockError(name, '"%s" at %s is not a block: it is %s' % (name, path, what))


def _describe(path):
    try:
        st = os.lstat(path)
    except OSError:
        return ""
    try:
        import pwd
        owner = pwd.getpwuid(st.st_uid).pw_name
    except (ImportError, KeyError):
        owner = str(st.st_uid)
    return " (owner %s, permissions %s)" % (owner, stat.filemode(st.st_mode)[1:])
