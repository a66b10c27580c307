"""Atomic 8- and 4-byte access to a shared mapping, which Python's standard library does not offer.

Two mechanisms, chosen once per process:

``plain`` (x86-64, the default there)
    Loads and stores are plain indexing of a ``memoryview`` cast to ``'Q'`` (or ``'i'``) over the mapping. CPython
    packs and unpacks such an item with a fixed-size ``memcpy`` of 8 (or 4) bytes, which the C compiler turns into one
    ``mov``; our fields are naturally aligned (the mapping is page-aligned, every offset a multiple of the field's
    size), and an aligned ``mov`` of up to 8 bytes is single-copy atomic on x86-64. x86-64 is TSO: a load is never
    reordered with an earlier load or a later store, and stores become visible in program order, so every plain load
    is an *acquire* and every plain store a *release* at the hardware level. The compiler cannot move these accesses
    either: each one is a separate trip through the interpreter (an opaque indirect call), so each is a real memory
    access made in the order the Python code makes them. What TSO does not give - a store followed by a load of
    another location in that order (StoreLoad) - the rings never need except around the doorbell's flag, where they
    use a locked instruction (below).

``libatomic`` (every other architecture, or ``SHAREDMEM_ATOMICS=libatomic``)
    Every load is ``__atomic_load_n(…, __ATOMIC_ACQUIRE)`` and every store ``__atomic_store_n(…, __ATOMIC_RELEASE)``
    of the C runtime's ``libatomic`` (the gcc runtime library, ``libatomic.so.1``), called through ``ctypes``. About a
    microsecond per access, but correct on any memory model.

In both modes compare-and-set and exchange go through ``libatomic`` (``__atomic_compare_exchange_n`` and
``__atomic_exchange_n``, sequentially consistent: on x86-64 a ``lock cmpxchg`` / ``xchg``, a full barrier). The rings
use them once per consumer batch, per role acquisition, per zone change and when a consumer goes to sleep, never per
producer message.

Payload bytes are copied with ordinary ``memoryview`` slice assignment (``memcpy``); they are published by the release
store of the record's header word that follows them and read after the acquire load of that word, exactly as the
Java side does with ``putLongRelease``/``getLongVolatile``. On x86-64 even glibc's non-temporal ``memcpy`` for very
large copies ends with an ``sfence``, and string stores are never reordered with later stores.

``SHAREDMEM_ATOMICS`` = ``auto`` (default) | ``libatomic`` chooses the mechanism; :data:`MODE` tells which is in use.
"""

import ctypes
import ctypes.util
import os
import platform

from .errors import AtomicsUnavailableError

_ACQUIRE = 2
_RELEASE = 3
_SEQ_CST = 5

_X86_64 = platform.machine().lower() in ("x86_64", "amd64")


def _choose_mode():
    wanted = os.environ.get("SHAREDMEM_ATOMICS", "auto").strip().lower() or "auto"
    if wanted == "libatomic":
        return "libatomic"
    if wanted not in ("auto", "plain"):
        raise ValueError("SHAREDMEM_ATOMICS=%r: use auto or libatomic" % wanted)
    if wanted == "plain" and not _X86_64:
        raise ValueError("SHAREDMEM_ATOMICS=plain is only correct on x86-64 (this is %s)" % platform.machine())
    return "plain" if _X86_64 else "libatomic"


MODE = _choose_mode()

_lib = None


def _library():
    """The C runtime's libatomic, loaded on first use; a clear error naming it when missing."""
    global _lib
    if _lib is not None:
        return _lib
    errors = []
    for candidate in ("libatomic.so.1", "libatomic.so", "libatomic.dylib"):
        try:
            lib = ctypes.CDLL(candidate)
            break
        except OSError as ex:
            errors.append(str(ex))
    else:
        found = ctypes.util.find_library("atomic")
        try:
            if found is None:
                raise OSError("ctypes.util.find_library('atomic') found nothing")
            lib = ctypes.CDLL(found)
        except OSError as ex:
            errors.append(str(ex))
            raise AtomicsUnavailableError(
                None, "sharedmem needs the C runtime's libatomic (libatomic.so.1) for 8-byte atomic operations on "
                      "shared memory, and it could not be loaded (%s); install it: apt-get install libatomic1 "
                      "(Debian, Ubuntu), dnf install libatomic (Fedora, RHEL), apk add libatomic (Alpine)"
                      % "; ".join(errors)) from None
    u64, u32, i32, vp, ci = ctypes.c_uint64, ctypes.c_uint32, ctypes.c_int32, ctypes.c_void_p, ctypes.c_int

    def bind(symbol, argtypes, restype):
        fn = getattr(lib, symbol)  # getattr: a "__name" written in a class body would be mangled
        fn.argtypes = argtypes
        fn.restype = restype
        return fn

    functions = _Functions()
    functions.load8 = bind("__atomic_load_8", (vp, ci), u64)
    functions.store8 = bind("__atomic_store_8", (vp, u64, ci), None)
    functions.load4 = bind("__atomic_load_4", (vp, ci), i32)
    functions.store4 = bind("__atomic_store_4", (vp, u32, ci), None)
    # Without declared argument types, called with ready-made ctypes arguments (pointers kept per offset): converting
    # arguments is most of a ctypes call's cost, and the consumer makes this call once per batch.
    functions.cas8_raw = getattr(lib, "__atomic_compare_exchange_8")
    functions.cas8_raw.restype = ctypes.c_bool
    functions.cas4 = bind("__atomic_compare_exchange_4", (vp, vp, u32, ci, ci), ctypes.c_bool)
    functions.exchange4 = bind("__atomic_exchange_4", (vp, u32, ci), i32)
    _lib = functions
    return functions


class _Functions:
    """The libatomic functions used, bound with their C signatures."""
    __slots__ = ("load8", "store8", "load4", "store4", "cas8_raw", "cas4", "exchange4")


def check_available():
    """Raises :class:`AtomicsUnavailableError` now if compare-and-set is impossible here."""
    _library()


class _AtomicWords:
    """Indexing like a ``memoryview`` cast to ``'Q'``: ``w[k]`` is an acquire load of the 8-byte word at byte offset
    ``8 * k``, ``w[k] = v`` a release store, both through libatomic."""

    __slots__ = ("_load", "_store", "_base")

    def __init__(self, lib, base):
        self._load = lib.load8
        self._store = lib.store8
        self._base = base

    def __getitem__(self, k):
        return self._load(self._base + (k << 3), _ACQUIRE)

    def __setitem__(self, k, value):
        self._store(self._base + (k << 3), value, _RELEASE)


class _AtomicInts:
    """As :class:`_AtomicWords` for signed 4-byte ints (``'i'``)."""

    __slots__ = ("_load", "_store", "_base")

    def __init__(self, lib, base):
        self._load = lib.load4
        self._store = lib.store4
        self._base = base

    def __getitem__(self, k):
        return self._load(self._base + (k << 2), _ACQUIRE)

    def __setitem__(self, k, value):
        self._store(self._base + (k << 2), value & 0xFFFFFFFF, _RELEASE)


class Atomics:
    """Atomic access to one writable mapping (an ``mmap``).

    ``words`` (8-byte, unsigned) and ``ints`` (4-byte, signed) index the mapping by word: ``words[offset >> 3]``.
    Every load through them is an acquire and every store a release (see the module's description for why plain
    indexing is that on x86-64). :meth:`cas` and :meth:`exchange_int` are sequentially consistent.

    Thread safety: as the memory it views; :meth:`close` must not race with other calls.
    """

    __slots__ = ("words", "ints", "_anchor", "_base", "_cas8_raw", "_pointers", "_cas4", "_xchg4",
                 "_expected8", "_expected8_pointer", "_expected4", "_expected4_addr", "_views")

    def __init__(self, mapping):
        lib = _library()
        # A ctypes object over the mapping gives its address; it holds an export of the mmap until close().
        self._anchor = ctypes.c_char.from_buffer(mapping)
        self._base = ctypes.addressof(self._anchor)
        self._cas4 = lib.cas4
        self._xchg4 = lib.exchange4
        self._cas8_raw = lib.cas8_raw
        self._pointers = {}
        self._expected8 = ctypes.c_uint64(0)
        self._expected8_pointer = ctypes.c_void_p(ctypes.addressof(self._expected8))
        self._expected4 = ctypes.c_uint32(0)
        self._expected4_addr = ctypes.addressof(self._expected4)
        if MODE == "plain":
            view = memoryview(mapping)
            self.words = view.cast("Q")
            self.ints = view.cast("i")
            self._views = (view, self.words, self.ints)
        else:
            self.words = _AtomicWords(lib, self._base)
            self.ints = _AtomicInts(lib, self._base)
            self._views = ()

    def cas(self, offset, expected, new):
        """Compare-and-set of the 8-byte word at ``offset``: ``True`` if it held ``expected`` and now holds ``new``."""
        pointer = self._pointers.get(offset)
        if pointer is None:
            pointer = self._pointers[offset] = ctypes.c_void_p(self._base + offset)
        self._expected8.value = expected
        return self._cas8_raw(pointer, self._expected8_pointer, ctypes.c_uint64(new), _SEQ_CST, _SEQ_CST)

    def cas_int(self, offset, expected, new):
        """Compare-and-set of the 4-byte int at ``offset`` (values as signed ints)."""
        self._expected4.value = expected & 0xFFFFFFFF
        return self._cas4(self._base + offset, self._expected4_addr, new & 0xFFFFFFFF, _SEQ_CST, _SEQ_CST)

    def exchange_int(self, offset, value):
        """Stores a 4-byte int with a full barrier (``xchg`` on x86-64) and returns the previous value."""
        return self._xchg4(self._base + offset, value & 0xFFFFFFFF, _SEQ_CST)

    def close(self):
        """Drops every export of the mapping this object holds, so the mapping can be closed."""
        for view in reversed(self._views):
            view.release()
        self._views = ()
        self.words = None
        self.ints = None
        self._anchor = None
