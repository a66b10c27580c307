"""Block names and the block directory: the rules of POSIX shared memory, so a name means the same block here, to
the Java library and to ``multiprocessing.shared_memory``.

A name is 1 to 255 bytes of UTF-8 after an optional leading ``/``, holds no further ``/`` and no NUL, and is neither
``.`` nor ``..``. Names are checked before the file system is touched.
"""

import os
import secrets
import sys
import tempfile

MAX_NAME_BYTES = 255
GENERATED_PREFIX = "psm_"
DIR_ENV_NAME = "SHAREDMEM_DIR"
LINUX_SHM_DIR = "/dev/shm"


def normalise(name):
    """Checks a name and returns it without its optional leading ``/``; ``ValueError`` names the offending value."""
    if name is None:
        raise ValueError('block name is None: give a name of 1 to 255 bytes, such as "orders"')
    if not isinstance(name, str):
        raise ValueError("block name %r is not a str" % (name,))
    bare = name[1:] if name.startswith("/") else name
    if not bare:
        raise ValueError('block name %s is empty: give a name of 1 to 255 bytes, such as "orders"' % quote(name))
    if "/" in bare:
        raise ValueError("block name %s contains '/' after the optional leading one: block names are flat"
                         % quote(name))
    if "\0" in bare:
        raise ValueError("block name %s contains a NUL character" % quote(name))
    if bare in (".", ".."):
        raise ValueError("block name %s is reserved by the file system" % quote(name))
    try:
        size = len(bare.encode("utf-8"))
    except UnicodeEncodeError:
        raise ValueError("block name %s is not valid Unicode (lone surrogates)" % quote(name)) from None
    if size > MAX_NAME_BYTES:
        shown = bare if len(bare) <= 40 else bare[:32] + "..."
        raise ValueError("block name %s is %d bytes long in UTF-8; the limit is %d"
                         % (quote(shown), size, MAX_NAME_BYTES))
    return bare


def generate():
    """A fresh random name: ``psm_`` and 8 hexadecimal digits, as Python and the Java library generate."""
    return GENERATED_PREFIX + secrets.token_hex(4)


def printable(name):
    """A name as it can be shown on one line: control characters as ``\\uXXXX`` escapes (as the Java library does)."""
    return "".join("\\u%04x" % ord(c) if ord(c) < 0x20 or ord(c) == 0x7F else c for c in name)


def quote(name):
    return '"' + printable(name) + '"'


def resolve_directory(directory=None):
    """The directory of blocks: the one given, else ``$SHAREDMEM_DIR`` (if set and not blank), else ``/dev/shm`` on
    Linux, else the temporary directory. Chosen on every call."""
    if directory is not None:
        return os.path.abspath(os.fspath(directory))
    env = os.environ.get(DIR_ENV_NAME)
    if env is not None and env.strip():
        return os.path.abspath(env)
    if sys.platform.startswith("linux") and os.path.isdir(LINUX_SHM_DIR):
        return LINUX_SHM_DIR
    return os.path.abspath(tempfile.gettempdir())


def directory_source(directory):
    """How a directory was chosen, for messages (as the Java library says it)."""
    if os.path.abspath(directory) != resolve_directory():
        return "an explicit setting"
    env = os.environ.get(DIR_ENV_NAME)
    if env is not None and env.strip():
        return "environment variable " + DIR_ENV_NAME
    return "default"
