"""Attach to a shared-memory block that another process (Java or Python) created, without Python removing it.

Python's multiprocessing.shared_memory registers every block it opens with its resource tracker, and before
Python 3.13 that includes blocks it merely attaches to: when the script exits, the tracker *unlinks* them (and warns
about "leaked shared_memory objects"), pulling the block away from the Java process that owns it
(CPython issue 82300). Python 3.13 added track=False; before that, unregister right after attaching.
"""

import sys
from multiprocessing import resource_tracker, shared_memory


def attach(name):
    """Attach to an existing block by name, leaving its lifetime to whoever created it."""
    if sys.version_info >= (3, 13):
        return shared_memory.SharedMemory(name=name, track=False)
    shm = shared_memory.SharedMemory(name=name)
    # shm._name is the name as registered: with the leading "/" that POSIX shm_open uses.
    resource_tracker.unregister(shm._name, "shared_memory")
    return shm
