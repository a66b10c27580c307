"""Who a process is, in terms that survive pid reuse (pid, start ticks, boot, pid namespace), and whether a process
recorded that way is provably dead: the rules of docs/LAYOUT.md section 2, as the Java side's ``ProcessIdentity``.

A process is *provably dead* only when it ran in this boot and this pid namespace and its pid no longer exists, is a
zombie, or belongs to a process with another start time. A process we cannot see is not dead.
"""

import os

UNKNOWN = 0
ALIVE = "ALIVE"
DEAD = "DEAD"
UNSEEN = "UNKNOWN"


def _stat_fields(pid):
    """Fields of /proc/PID/stat from field 3 (the state) on, or None."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            stat = f.read().decode("ascii", "replace")
    except OSError:
        return None
    close = stat.rfind(")")
    if close < 0 or close + 2 > len(stat):
        return None
    return stat[close + 2:].split(" ")


def start_ticks(pid):
    """Field 22 of /proc/PID/stat (clock ticks since boot), or 0 if unknown."""
    fields = _stat_fields(pid)
    if fields is None or len(fields) <= 19:
        return UNKNOWN
    try:
        return int(fields[19])
    except ValueError:
        return UNKNOWN


def _boot_id_hash():
    try:
        with open("/proc/sys/kernel/random/boot_id") as f:
            boot = f.read().strip().replace("-", "")
        if len(boot) < 16:
            return UNKNOWN
        h = int(boot[:16], 16) ^ (int(boot[16:32], 16) if len(boot) >= 32 else 0)
        return 1 if h == 0 else h
    except (OSError, ValueError):
        return UNKNOWN


def _pid_namespace():
    try:
        link = os.readlink("/proc/self/ns/pid")
        return int(link[link.index("[") + 1:link.index("]")])
    except (OSError, ValueError):
        return UNKNOWN


class _Me:
    """This process's identity; re-read after a fork (the child has another pid and start time)."""

    def __init__(self):
        self.refresh()

    def refresh(self):
        self.pid = os.getpid()
        self.start_ticks = start_ticks(self.pid)
        self.boot_id_hash = _boot_id_hash()
        self.pid_namespace = _pid_namespace()


ME = _Me()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=ME.refresh)


def is_same_host(boot_id_hash, pid_namespace):
    """Whether pids recorded with that boot and namespace can be looked up here."""
    return boot_id_hash != UNKNOWN and boot_id_hash == ME.boot_id_hash and pid_namespace == ME.pid_namespace


def status(pid, ticks, boot_id_hash, pid_namespace):
    """ALIVE, DEAD (provably) or UNKNOWN (another boot or namespace, or nothing recorded)."""
    if pid <= 0:
        return UNSEEN
    if boot_id_hash != ME.boot_id_hash or pid_namespace != ME.pid_namespace:
        return UNSEEN
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return DEAD
    except PermissionError:
        pass  # exists, owned by someone else
    except OSError:
        return UNSEEN
    fields = _stat_fields(pid)
    if fields is None or len(fields) <= 19:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return DEAD
        except OSError:
            pass
        return ALIVE
    if fields[0] in ("Z", "X", "x"):
        return DEAD  # a zombie keeps its pid but never runs again
    if ticks == UNKNOWN:
        return ALIVE
    try:
        return ALIVE if int(fields[19]) == ticks else DEAD
    except ValueError:
        return ALIVE
