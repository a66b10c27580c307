#!/usr/bin/env python3
"""The Python side of the benchmark: the harness loop of ipc-bench's ``PeerLoop`` in Python, for the transports
that have a Python peer, with the same messages (``MessagePattern``), the same checks of every byte and the same
phases (ping-pong round trips, then one-way throughput timed by the responder).

Transports:

  python-ring       two Python processes, one ``sharedmem.SpscRing`` per direction (offer / poll), both busy-spinning
                    as the Java harness does (the lowest latency with two idle cores)
  python-ring-yield the same, but a side that finds the ring full or empty spins a while, then calls
                    os.sched_yield() between tries (kinder to a machine with more busy processes than cores)
  python-queue      two Python processes, ``multiprocessing.Queue`` per direction (put / get, blocking)
  python-pipe       two Python processes, one duplex ``multiprocessing.Pipe`` (send_bytes / recv_bytes, blocking)
  java-python-ring  a Java initiator (ipc-bench's spsc-ring side), this program as the responder
  java-python-tcp   a Java initiator (ipc-bench's tcp side: it listens), this program as the responder

Command lines:

  pybench.py rotation initiator|responder SPEC-JSON
      One peer of a ``bin/ipc bench`` rotation (ipc-bench's peer protocol: RotationSpec in, one "@@ROTATION" report
      line out, then "close" on standard input). bin/ipc bench starts it for the transports above.

The standalone commands below take a trial's settings as ``key=value``:

  pybench.py peer side=initiator|responder transport=T size=N capacity=N directory=D blockPrefix=P
             connectTimeoutNs=N pingWarmUpNs=N pingNs=N throughputWarmUpNs=N throughputNs=N [cpu=N]
      One side of a trial; prints ``@@RESULT {json}`` (ipc-bench's ``PeerReport`` fields; the initiator adds
      ``rttPercentilesNs``). For python-queue and python-pipe the initiator starts its responder itself
      (multiprocessing: a queue or pipe cannot be opened by name) and prints both reports.
  pybench.py run transport=T [size=64] [seconds=2] [warmup=0.5] [pin=false] [capacity=65536]
      Both sides of a Python trial on this machine (the responder as a child process); prints the reports. pin=true
      runs the initiator on CPU 0 and the responder on CPU 1; capacity= sets the rings' (65536 by default).
  pybench.py compare [transports=python-ring,python-queue,python-pipe] [sizes=64] [seconds=2] [repetitions=3]
                     [pin=false] [capacity=65536]
      A small standalone runner: interleaved repetitions, then a table of round-trip percentiles and throughput
      with ratios against multiprocessing.Pipe and Queue (figures only indicative on a loaded machine).
"""

import bisect
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

MEASURED = 1 << 62
END = 1 << 61
SEQUENCE_MASK = END - 1
STEP = 0x9E3779B97F4A7C15
M64 = (1 << 64) - 1
POLL_LIMIT = 256
SEND_BATCH = 64
RESULT_PREFIX = "@@RESULT "
SPINS_BEFORE_YIELD = 200  # polls or offers, some tens of microseconds: a reply in flight is caught spinning
TRANSPORTS = ("python-ring", "python-ring-yield", "python-queue", "python-pipe", "java-python-ring", "java-python-tcp")
PYTHON_ONLY = ("python-ring", "python-ring-yield", "python-queue", "python-pipe")
DEFAULT_COMPARE = ("python-ring", "python-queue", "python-pipe")


class Pattern:
    """ipc-bench's ``MessagePattern``: word 0 is the header, word i is ``header + i * STEP`` (mod 2^64), tail bytes
    are ``(header + offset) & 0xFF``. Whole messages are built and checked as one little-endian integer:
    ``header * R + C - K(header)``, where R repeats 1 in every word, C holds ``i * STEP`` and K takes back the
    carries of the words where ``header + i * STEP`` wrapped (a prefix sum over the words' wrap thresholds)."""

    def __init__(self, size):
        if size < 8:
            raise ValueError("message size %d: at least 8 bytes (the header word)" % size)
        self.size = size
        self.words = size // 8
        self.tail = size - 8 * self.words
        steps = [(i * STEP) & M64 for i in range(self.words)]
        self.r = sum(1 << (64 * i) for i in range(self.words))
        self.c = sum(steps[i] << (64 * i) for i in range(self.words))
        wraps = sorted(((1 << 64) - steps[i], i) for i in range(1, self.words) if steps[i])
        self.thresholds = [t for t, _ in wraps]
        self.carries = [0]
        for _, i in wraps:
            self.carries.append(self.carries[-1] + (1 << (64 * (i + 1))))

    def value(self, header):
        return header * self.r + self.c - self.carries[bisect.bisect_right(self.thresholds, header)]

    def steady(self, header):
        """How many headers from ``header`` on share its words' carries: ``value(h + 1) == value(h) + r`` there."""
        k = bisect.bisect_right(self.thresholds, header)
        return self.thresholds[k] - header if k < len(self.thresholds) else 1 << 62

    def tail_bytes(self, header):
        return bytes((header + i) & 0xFF for i in range(8 * self.words, self.size))

    def message(self, header):
        body = self.value(header).to_bytes(8 * self.words, "little")
        return body + self.tail_bytes(header) if self.tail else body

    def first_mismatch(self, view):
        expected = self.message(int.from_bytes(view[:8], "little"))
        for i in range(self.size):
            if view[i] != expected[i]:
                return i
        return -1


class Verifier:
    """ipc-bench's ``Verifier``: length, sequence number (exactly one more than the last) and every byte; notes when
    the first measured message and the end marker of a phase arrived. Usable as a ring handler.

    Every message is checked whole. The usual one, the last one's successor with the same flags, is recognised by
    comparing it, as one integer, with the value predicted for it (one comparison and one addition); any other
    message (new flags, a word's carry changing, or an error) goes through the full check."""

    def __init__(self, transport, size):
        self.transport = transport
        self.size = size
        self.pattern = Pattern(size)
        self.whole = self.pattern.tail == 0
        self._expected = 1        # as of the last message checked in full
        self._last_header = 0
        self._verified = 0
        self._measured = 0
        self._count = 0           # messages recognised since then
        self._next = -1           # the value the next message has if it is the usual one
        self._budget = 0          # how many usual messages before a word's carry changes
        self.start_phase()

    def start_phase(self):
        self._fold()
        self._measured = 0
        self.first_measured_ns = 0
        self.end_ns = 0
        self.ended = False

    def _fold(self):
        c = self._count
        if c:
            self._expected += c
            self._last_header += c
            self._verified += c
            if self._last_header & MEASURED:
                self._measured += c
            self._budget -= c
            self._count = 0

    @property
    def verified(self):
        return self._verified + self._count

    @property
    def last_header(self):
        return self._last_header + self._count

    @property
    def measured_count(self):
        return self._measured + (self._count if self._last_header & MEASURED else 0)

    def __call__(self, msg_type, view):
        if len(view) == self.size and self._count < self._budget:
            x = int.from_bytes(view, "little")
            if x == self._next:
                self._next = x + self.pattern.r
                self._count += 1
                return
        self.on_message(view)

    def on_message(self, view):
        self._fold()
        expected = self._expected
        if len(view) != self.size:
            raise RuntimeError("%s: message %d arrived with %d bytes instead of %d"
                               % (self.transport, expected, len(view), self.size))
        if self.whole:
            value = int.from_bytes(view, "little")
            header = value & M64
            ok = value == self.pattern.value(header)
        else:
            header = int.from_bytes(view[:8], "little")
            ok = bytes(view) == self.pattern.message(header)
        if header & SEQUENCE_MASK != expected:
            raise RuntimeError("%s: expected message %d, got %d (header 0x%x)"
                               % (self.transport, expected, header & SEQUENCE_MASK, header))
        if not ok:
            raise RuntimeError("%s: message %d is corrupt from byte %d of %d"
                               % (self.transport, expected, self.pattern.first_mismatch(view), self.size))
        self._expected = expected + 1
        self._last_header = header
        self._verified += 1
        if header & MEASURED:
            self._measured += 1
            if self._measured == 1:
                self.first_measured_ns = time.monotonic_ns()
        if header & END:
            self.end_ns = time.monotonic_ns()
            self.ended = True
            self._budget = 0
        elif self.whole:
            self._next = self.pattern.value(header + 1)
            self._budget = self.pattern.steady(header + 1)

    def measured_ns(self):
        return self.end_ns - self.first_measured_ns if self.measured_count else 0


# ---- links: one per transport, each with send(data) and poll(handler, limit) -> count ------------------------------

class RingLink:
    """A pair of sharedmem rings, ``<prefix>ab`` (initiator to responder) and ``<prefix>ba``, as ipc-bench's
    spsc-ring transport lays them out; the initiator creates both, the responder attaches."""

    def __init__(self, prefix, initiator, capacity, deadline, idle="spin"):
        from sharedmem import SpscRing, NoSuchBlockError
        out_name, in_name = (prefix + "ab", prefix + "ba") if initiator else (prefix + "ba", prefix + "ab")
        self.owner = initiator
        if initiator:
            self.out = SpscRing.create(out_name, capacity)
            self.inp = SpscRing.create(in_name, capacity)
        else:
            def attach(name):
                while True:
                    try:
                        return SpscRing.attach(name)
                    except NoSuchBlockError:
                        if time.monotonic() > deadline:
                            raise
                        time.sleep(0.002)
            self.inp = attach(in_name)
            self.out = attach(out_name)
        self.producer = self.out.producer()
        self.consumer = self.inp.consumer()
        self.idle = idle
        offer = self.producer.offer
        poll = self.consumer.poll
        spins = SPINS_BEFORE_YIELD if idle == "yield" else float("inf")
        sched_yield = os.sched_yield
        empty = [0]

        def send(data):
            if offer(1, data):
                return
            waited = 0
            while not offer(1, data):
                waited += 1
                if waited > spins:
                    sched_yield()

        def receive(handler, limit):
            n = poll(handler, limit)
            if n:
                empty[0] = 0
            else:
                empty[0] += 1
                if empty[0] > spins:
                    sched_yield()
            return n
        self.send = send
        self.poll = receive

    def settings(self):
        waiting = ("busy-spin %d times, then os.sched_yield()" % SPINS_BEFORE_YIELD) if self.idle == "yield" \
            else "busy-spin"
        return {"ring": "sharedmem.SpscRing (Python), one per direction, capacity %d" % self.out.capacity,
                "send": "Producer.offer(1, bytes): copy; %s while full" % waiting,
                "receive": "Consumer.poll(handler, limit): memoryview of the payload in the ring; %s while empty"
                           % waiting,
                "atomics": __import__("sharedmem._atomic", fromlist=["MODE"]).MODE}

    def close(self):
        self.producer.close()
        self.consumer.close()
        for ring in (self.out, self.inp):
            ring.close()
            if self.owner:
                try:
                    ring.block.unlink()
                except OSError:
                    pass


class QueueLink:
    def __init__(self, out_queue, in_queue):
        self.put = out_queue.put
        self.get = in_queue.get
        self.queues = (out_queue, in_queue)

    def send(self, data):
        self.put(data)

    def poll(self, handler, limit):
        handler(1, self.get())
        return 1

    def settings(self):
        return {"queue": "multiprocessing.Queue, one per direction", "send": "put(bytes) (pickled, feeder thread)",
                "receive": "get() blocking"}

    def close(self):
        for q in self.queues:
            q.close()


class PipeLink:
    def __init__(self, connection):
        self.connection = connection
        self.send = connection.send_bytes
        self.recv = connection.recv_bytes

    def poll(self, handler, limit):
        handler(1, self.recv())
        return 1

    def settings(self):
        return {"pipe": "multiprocessing.Pipe(duplex=True)", "send": "send_bytes(bytes)",
                "receive": "recv_bytes() blocking"}

    def close(self):
        self.connection.close()


class TcpLink:
    """ipc-bench's tcp transport from the responder's side: connect to the port the initiator published, TCP_NODELAY,
    blocking; frames of ``[int length, int 0, payload, padding to 8]``."""

    def __init__(self, directory, deadline):
        port_file = os.path.join(directory, "tcp.port")
        while not os.path.exists(port_file):
            if time.monotonic() > deadline:
                raise RuntimeError("no TCP port file %s from the initiator" % port_file)
            time.sleep(0.002)
        with open(port_file) as f:
            port = int(f.read().strip())
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", port))
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.002)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = bytearray(64 * 1024)
        self.view = memoryview(self.buffer)
        self.start = 0
        self.end = 0
        sendall = self.sock.sendall

        def send(data):
            n = len(data)
            sendall(n.to_bytes(4, "little") + bytes(4) + data + bytes(-n & 7))
        self.send = send

    def poll(self, handler, limit):
        view, buffer = self.view, self.buffer
        while True:
            delivered = 0
            while self.end - self.start >= 8:
                n = int.from_bytes(buffer[self.start:self.start + 4], "little")
                frame = 8 + n + (-n & 7)
                if self.end - self.start < frame:
                    break
                handler(1, view[self.start + 8:self.start + 8 + n])
                self.start += frame
                delivered += 1
            if delivered:
                return delivered
            if self.start:
                left = self.end - self.start
                buffer[:left] = buffer[self.start:self.end]
                self.start, self.end = 0, left
            got = self.sock.recv_into(view[self.end:])
            if not got:
                raise RuntimeError("java-python-tcp: the initiator closed the connection")
            self.end += got

    def settings(self):
        return {"socket": "TCP over 127.0.0.1, TCP_NODELAY, blocking", "send": "one sendall per message",
                "receive": "recv_into up to 64 KiB, every whole frame delivered"}

    def close(self):
        self.sock.close()


# ---- the harness loop --------------------------------------------------------------------------------------------

class PeerLoop:
    def __init__(self, transport, spec, link):
        self.transport = transport
        self.spec = spec
        self.link = link
        self.size = int(spec["size"])
        self.pattern = Pattern(self.size)
        self.verifier = Verifier(transport, self.size)
        self.sequence = 0
        self.sent = 0
        self.samples = []

    def send(self, header):
        self.link.send(self.pattern.message(header))
        self.sent += 1

    def await_one(self):
        verifier, poll = self.verifier, self.link.poll
        before = verifier.verified
        while verifier.verified == before:
            poll(verifier, 1)

    def await_reply(self, header):
        self.await_one()
        if (self.verifier.last_header & ~SEQUENCE_MASK) != (header & ~SEQUENCE_MASK):
            raise RuntimeError("%s: the reply to 0x%x came back as 0x%x"
                               % (self.transport, header, self.verifier.last_header))

    def ping(self, warm_up_ns, measure_ns):
        self.sequence += 1
        self.send(self.sequence)
        self.await_reply(self.sequence)
        clock = time.monotonic_ns
        phase_end = clock() + warm_up_ns
        measuring = False
        measure_start = 0
        samples = []
        record = samples.append
        while True:
            self.sequence += 1
            header = self.sequence | (MEASURED if measuring else 0)
            start = clock()
            self.send(header)
            self.await_reply(header)
            now = clock()
            record(now - start)
            if now >= phase_end:
                if measuring or measure_ns == 0:
                    break
                measuring = True
                samples.clear()
                measure_start = now
                phase_end = now + measure_ns
        self.samples = samples if measuring else []
        self.ping_ns = now - measure_start if measuring else 0
        self.sequence += 1
        self.send(self.sequence | END)
        self.await_reply(self.sequence | END)

    def echo(self):
        verifier = self.verifier
        verifier.start_phase()
        while True:
            self.await_one()
            self.send((self.sent + 1) | (verifier.last_header & ~SEQUENCE_MASK))
            if verifier.ended:
                break
        self.phase_messages = verifier.measured_count
        self.phase_ns = verifier.measured_ns()

    def stream(self, warm_up_ns, measure_ns):
        clock = time.monotonic_ns
        send, pattern = self.link.send, self.pattern
        size, r, whole = self.size, pattern.r, pattern.tail == 0
        now = clock()
        phase_end = now + warm_up_ns
        flags = 0
        measuring = False
        sequence = self.sequence
        at_start = sequence
        value = pattern.value(sequence + 1)
        steady = pattern.steady(sequence + 1)
        while True:
            for _ in range(SEND_BATCH):
                sequence += 1
                if whole and steady > 0:  # the usual message: the last one's value plus r
                    send(value.to_bytes(size, "little"))
                    value += r
                    steady -= 1
                else:
                    send(pattern.message(sequence | flags))
                    value = pattern.value((sequence + 1) | flags)
                    steady = pattern.steady((sequence + 1) | flags)
            now = clock()
            if now >= phase_end:
                if measuring or measure_ns == 0:
                    break
                measuring = True
                flags = MEASURED
                phase_end = now + measure_ns
                at_start = sequence
                value = pattern.value((sequence + 1) | flags)
                steady = pattern.steady((sequence + 1) | flags)
        self.sent += sequence - self.sequence
        self.phase_messages = sequence - at_start if measuring else 0
        self.sequence = sequence + 1
        self.send(self.sequence | END)
        self.await_one()
        if not self.verifier.last_header & END:
            raise RuntimeError("%s: the end of the throughput phase was not acknowledged" % self.transport)

    def receive(self):
        verifier, poll = self.verifier, self.link.poll
        verifier.start_phase()
        while not verifier.ended:
            poll(verifier, POLL_LIMIT)
        self.phase_messages = verifier.measured_count
        self.phase_ns = verifier.measured_ns()
        self.send((self.sent + 1) | END)

    def run_initiator(self):
        self.ping(int(self.spec["pingWarmUpNs"]), int(self.spec["pingNs"]))
        self.stream(int(self.spec["throughputWarmUpNs"]), int(self.spec["throughputNs"]))
        return report("initiator", self, pingSamples=len(self.samples), pingNs=self.ping_ns,
                      throughputMessages=self.phase_messages, rttPercentilesNs=percentiles(self.samples))

    def run_responder(self):
        self.echo()
        ping_samples, ping_ns = self.phase_messages, self.phase_ns
        self.receive()
        return report("responder", self, pingSamples=ping_samples, pingNs=ping_ns,
                      throughputMessages=self.phase_messages, throughputNs=self.phase_ns)


def percentiles(samples):
    if not samples:
        return {}
    s = sorted(samples)
    n = len(s)

    def at(q):
        return s[min(n - 1, int(q * n))]
    return {"p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "p99.9": at(0.999), "p99.99": at(0.9999),
            "max": s[-1], "count": n}


def report(side, loop, **fields):
    r = {"side": side, "sent": loop.sent, "verified": loop.verifier.verified, "pingSamples": 0, "pingNs": 0,
         "pingAllocatedBytes": 0, "histogram": None, "throughputMessages": 0, "throughputNs": 0,
         "throughputAllocatedBytes": 0, "probeBeforeNs": 0, "probeAfterNs": 0,
         "settings": dict(loop.link.settings(), python=sys.version.split()[0]), "error": None}
    r.update(fields)
    return r


def print_report(r):
    sys.stdout.write(RESULT_PREFIX + json.dumps(r) + "\n")
    sys.stdout.flush()


# ---- ipc-bench's rotation protocol -------------------------------------------------------------------------------
#
# bin/ipc bench starts the two peers of a transport with the rotation spec as JSON; each runs the same schedule of
# turns with a placement probe between every two, prints one "@@ROTATION {json}" line, then waits for "close" on its
# standard input (RotationMain, RotationSpec and RotationReport in ipc-bench are the protocol).

ROTATION_PREFIX = "@@ROTATION "
ERROR_PREFIX = "@@ERROR "
PROBE_ROUND_TRIPS = 100000
MIN_WARM_UP_TURNS = 4
HIGHEST_TRACKABLE_NS = 10 * 10 ** 9


def hdr_histogram(samples, digits=3, highest=HIGHEST_TRACKABLE_NS):
    """HdrHistogram's compressed V2 encoding (Base64) of values in nanoseconds, as ipc-bench's reports carry them:
    a histogram of lowest discernible value 1, ``highest`` and ``digits`` significant digits."""
    import base64
    import struct
    import zlib
    sub_bucket_count_magnitude = (2 * 10 ** digits - 1).bit_length()
    half_magnitude = sub_bucket_count_magnitude - 1
    sub_bucket_half_count = 1 << half_magnitude
    sub_bucket_mask = (1 << sub_bucket_count_magnitude) - 1
    leading_zero_count_base = 64 - sub_bucket_count_magnitude
    counts = {}
    top = 0
    for v in samples:
        v = max(0, min(int(v), highest))
        bucket = leading_zero_count_base - (64 - (v | sub_bucket_mask).bit_length())
        index = ((bucket + 1) << half_magnitude) + (v >> bucket) - sub_bucket_half_count
        counts[index] = counts.get(index, 0) + 1
        top = max(top, index)
    payload = bytearray()

    def zigzag(value):
        value = ((value << 1) ^ (value >> 63)) & 0xFFFFFFFFFFFFFFFF
        while True:
            if value >> 7 == 0:
                payload.append(value)
                return
            payload.append((value & 0x7F) | 0x80)
            value >>= 7

    i = 0
    limit = top + 1 if counts else 0
    while i < limit:
        c = counts.get(i, 0)
        i += 1
        if c:
            zigzag(c)
            continue
        zeros = 1
        while i < limit and not counts.get(i, 0):
            zeros += 1
            i += 1
        zigzag(-zeros if zeros > 1 else 0)
    header = struct.pack(">iiiiqqd", 0x1C849313, len(payload), 0, digits, 1, highest, 1.0)
    compressed = zlib.compress(header + bytes(payload))
    return base64.b64encode(struct.pack(">ii", 0x1C849314, len(compressed)) + compressed).decode("ascii")


class PlacementProbe:
    """ipc-bench's placement probe: an 8-byte raw-block ping-pong between the two peers (block
    ``<prefix>probe-raw``, one 128-byte slot per direction, the sequence word stored last), the median round trip."""

    def __init__(self, initiator, spec, deadline):
        from sharedmem import SharedBlock, NoSuchBlockError, _atomic
        name = spec["blockPrefix"] + "probe-raw"
        self.initiator = initiator
        if initiator:
            self.block = SharedBlock.create(name, 256)
        else:
            while True:
                try:
                    self.block = SharedBlock.attach(name)
                    break
                except NoSuchBlockError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.002)
        self.atomics = _atomic.Atomics(self.block.mapping)
        self.out = 0 if initiator else 16
        self.inp = 16 if initiator else 0
        self.last = 0
        self.sequence = 0

    def probe(self, max_ns):
        return self._ping(PROBE_ROUND_TRIPS, max_ns) if self.initiator else self._echo()

    def _receive(self):
        words, inp, last = self.atomics.words, self.inp, self.last
        value = words[inp]
        while value == last:
            value = words[inp]
        self.last = value
        return value

    def _exchange(self, value):
        self.atomics.words[self.out] = value
        got = self._receive()
        if got != value:
            raise RuntimeError("placement probe: sent 0x%x, got back 0x%x" % (value, got))

    def _ping(self, round_trips, max_ns):
        clock = time.monotonic_ns
        self.sequence += 1
        self._exchange(self.sequence)
        halfway = clock() + max_ns // 2
        deadline = halfway + max_ns // 2
        first = self.sequence + 1
        samples = []
        last = False
        while not last:
            start = clock()
            self.sequence += 1
            count = self.sequence - first + 1
            last = count >= round_trips or start > deadline
            self._exchange(self.sequence | (1 << 63) if last else self.sequence)
            if count > round_trips // 2 or start > halfway:
                samples.append(clock() - start)
        samples.sort()
        return samples[len(samples) // 2] if samples else 0

    def _echo(self):
        while True:
            value = self._receive()
            self.sequence += 1
            if value & ((1 << 63) - 1) != self.sequence:
                raise RuntimeError("placement probe: expected round trip %d, got %d"
                                   % (self.sequence, value & ((1 << 63) - 1)))
            self.atomics.words[self.out] = value
            if value >> 63:
                return 0

    def close(self):
        self.atomics.close()
        self.block.close()
        if self.initiator:
            try:
                self.block.unlink()
            except OSError:
                pass


class RotationTurns:
    """PeerLoop's turns for one transport, as ipc-bench's ``Turn``: ping and stream for a lead-in then a slice."""

    def __init__(self, transport, size, link, initiator):
        self.loop = PeerLoop(transport, {"size": str(size)}, link)
        self.initiator = initiator
        self.kept = []

    def ping(self, lead_in_ns, slice_ns, keep):
        loop = self.loop
        if not self.initiator:
            loop.echo()
            return [loop.phase_messages, loop.phase_ns, 0]
        loop.ping(lead_in_ns, slice_ns)
        samples = sorted(loop.samples)
        if keep:
            self.kept.extend(samples)
        n = len(samples)

        def at(q):
            return samples[min(n - 1, int(q * n))] if n else 0
        return [n, loop.ping_ns, 0, at(0.5), at(0.99), at(0.999)]

    def stream(self, lead_in_ns, slice_ns):
        loop = self.loop
        if not self.initiator:
            loop.receive()
            return [loop.phase_messages, loop.phase_ns, 0]
        started = time.monotonic_ns()
        loop.stream(lead_in_ns, slice_ns)
        return [loop.phase_messages, time.monotonic_ns() - started - lead_in_ns if loop.phase_messages else 0, 0]


def run_rotation(side, spec, relay=None):
    """Runs one side of a rotation of one Python transport; returns the report (a dict)."""
    initiator = side == "initiator"
    transport = spec["transports"][0]
    deadline = time.monotonic() + spec["connectTimeoutNs"] / 1e9
    link_spec = {"blockPrefix": spec["blockPrefix"] + "t0-", "directory": os.path.join(spec["directory"], "t0"),
                 "capacity": spec["capacity"]}
    probe = PlacementProbe(initiator, spec, deadline)
    link = None
    try:
        link = open_link(transport, initiator, link_spec, deadline, relay)
        turns = RotationTurns(transport, spec["size"], link, initiator)
        turn_ns = spec["leadInNs"] + spec["sliceNs"]
        records = []

        def take(phase, round_):
            probe_ns = probe.probe(spec["probeNs"])
            if phase == "ping":
                values = turns.ping(spec["leadInNs"], spec["sliceNs"], round_ >= 0)
            else:
                values = turns.stream(spec["leadInNs"], spec["sliceNs"])
            if round_ >= 0:
                records.append([transport, round_, phase, probe_ns, values])

        warm_up_turns = max(MIN_WARM_UP_TURNS, spec["warmUpNs"] // turn_ns)
        for phase in ("ping", "stream"):
            for _ in range(warm_up_turns):
                take(phase, -1)
        take("ping", -1)
        take("stream", -1)
        rounds = max(1, -(-spec["measureNs"] // spec["sliceNs"]))
        for round_ in range(rounds):
            take("ping", round_)
            take("stream", round_)
        last_probe = probe.probe(spec["probeNs"])
        turn_records = []
        for k, (name, round_, phase, before, values) in enumerate(records):
            after = records[k + 1][3] if k + 1 < len(records) else last_probe
            turn_records.append({"transport": name, "round": round_, "phase": phase, "probeBeforeNs": before,
                                 "probeAfterNs": after, "values": values})
        loop = turns.loop
        settings = dict(link.settings(), python=sys.version.split()[0])
        totals = {"sent": loop.sent, "verified": loop.verifier.verified,
                  "histogram": hdr_histogram(turns.kept) if initiator else None, "settings": settings}
        return {"side": side, "transports": [totals], "turns": turn_records, "compileMsMeasuring": -1}
    finally:
        if link is not None:
            link.close()
        probe.close()


def open_link(transport, initiator, link_spec, deadline, relay):
    if transport in ("python-ring", "python-ring-yield", "java-python-ring"):
        return RingLink(link_spec["blockPrefix"], initiator, int(link_spec["capacity"]), deadline,
                        "yield" if transport.endswith("-yield") else "spin")
    if transport == "java-python-tcp":
        return TcpLink(link_spec["directory"], deadline)
    if transport in ("python-queue", "python-pipe"):
        return relay
    raise ValueError("no Python peer for transport %r" % transport)


def rotation_main(side, spec_json):
    """``pybench.py rotation initiator|responder SPEC-JSON``: one peer of a bin/ipc bench rotation."""
    spec = json.loads(spec_json)
    for key in ("directory", "aeronDirectory"):  # Java writes paths as URIs: file:///tmp/...
        if str(spec.get(key, "")).startswith("file:"):
            from urllib.parse import unquote, urlparse
            spec[key] = unquote(urlparse(spec[key]).path)
    if len(spec["transports"]) != 1:
        print(ERROR_PREFIX + "a Python peer runs one transport, not %s" % spec["transports"], flush=True)
        return 1
    transport = spec["transports"][0]
    closed = __import__("threading").Event()

    def watch():
        for line in sys.stdin:
            if line.strip() == "close":
                closed.set()
        if not closed.is_set():  # the orchestrator has gone
            os._exit(3)
    __import__("threading").Thread(target=watch, daemon=True).start()
    try:
        if transport in ("python-queue", "python-pipe"):
            report = forked_rotation(side, spec)
        else:
            report = run_rotation(side, spec)
        print(ROTATION_PREFIX + json.dumps(report), flush=True)
    except BaseException as ex:
        print(ERROR_PREFIX + ("%s: %s" % (type(ex).__name__, ex)).replace("\n", " "), flush=True)
        return 1
    closed.wait(120)
    return 0


def forked_rotation(side, spec):
    """python-queue and python-pipe: a queue or a pipe cannot be opened by name, so the initiator starts its
    responder (multiprocessing) and both run the rotation; the responder the harness started only relays the report
    its twin leaves in the rotation's directory."""
    relay_file = os.path.join(spec["directory"], "t0", "python-responder.json")
    deadline = time.monotonic() + spec["connectTimeoutNs"] / 1e9 + 600
    if side == "responder":
        while not os.path.exists(relay_file):
            if time.monotonic() > deadline:
                raise RuntimeError("the initiator's forked responder left no report")
            time.sleep(0.01)
        with open(relay_file) as f:
            report = json.load(f)
        if "error" in report:
            raise RuntimeError(report["error"])
        return report
    transport = spec["transports"][0]
    # Spawned, not forked: a fork would copy the lock of standard input, which the orchestrator-watching thread
    # holds while it waits for "close", and the child would hang closing its copy.
    ctx = multiprocessing.get_context("spawn")
    if transport == "python-queue":
        ab, ba = ctx.Queue(), ctx.Queue()
        mine, theirs = QueueLink(ab, ba), (ab, ba)
    else:
        a, b = ctx.Pipe(duplex=True)
        mine, theirs = PipeLink(a), (b,)
    pinned_here = hasattr(os, "sched_getaffinity") and os.sched_getaffinity(0) == {0}
    child = ctx.Process(target=_forked_rotation_responder,
                        args=(spec, theirs, relay_file, pinned_here), daemon=True)
    child.start()
    try:
        return run_rotation("initiator", spec, mine)
    finally:
        child.join(60)
        if child.is_alive():
            child.kill()


def _forked_rotation_responder(spec, link_args, relay_file, pin_to_1):
    try:  # die with the initiator, whatever kills it
        import ctypes
        import signal
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if pin_to_1:
        os.sched_setaffinity(0, {1})  # the harness pinned the initiator to CPU 0: its twin takes CPU 1
    transport = spec["transports"][0]
    link = QueueLink(link_args[1], link_args[0]) if transport == "python-queue" else PipeLink(*link_args)
    try:
        report = run_rotation("responder", spec, link)
    except BaseException as ex:
        report = {"error": "%s: %s" % (type(ex).__name__, ex)}
    temp = relay_file + ".tmp"
    with open(temp, "w") as f:
        json.dump(report, f)
    os.replace(temp, relay_file)


# ---- sides -------------------------------------------------------------------------------------------------------

def _pin(cpu):
    """Runs this process on one CPU (``cpu`` as given in the spec), if asked."""
    if cpu not in (None, "") and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {int(cpu)})


def _forked_responder(transport, spec, link_args, results):
    _pin(spec.get("responderCpu"))
    link = QueueLink(*link_args) if transport == "python-queue" else PipeLink(*link_args)
    try:
        results.send(PeerLoop(transport, spec, link).run_responder())
    except BaseException as ex:  # reported, not lost with the child
        results.send({"side": "responder", "error": "%s: %s" % (type(ex).__name__, ex)})
    finally:
        link.close()


def peer(spec):
    """One side of a trial, by the spec's ``side``; returns the reports it prints."""
    transport, side = spec["transport"], spec["side"]
    _pin(spec.get("cpu"))
    deadline = time.monotonic() + int(spec.get("connectTimeoutNs", 30 * 10 ** 9)) / 1e9
    initiator = side == "initiator"
    if transport in ("python-queue", "python-pipe"):
        if not initiator:
            raise SystemExit("%s: the initiator starts its own responder (a %s cannot be opened by name)"
                             % (transport, transport.split("-")[1]))
        ctx = multiprocessing.get_context("fork")
        if transport == "python-queue":
            ab, ba = ctx.Queue(), ctx.Queue()
            mine, theirs = (ab, ba), (ba, ab)
            link = QueueLink(*mine)
        else:
            a, b = ctx.Pipe(duplex=True)
            mine, theirs = (a,), (b,)
            link = PipeLink(*mine)
        results_here, results_there = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_forked_responder, args=(transport, spec, theirs, results_there), daemon=True)
        child.start()
        try:
            mine_report = PeerLoop(transport, spec, link).run_initiator()
            if not results_here.poll(60):
                raise RuntimeError("%s: the responder sent no report" % transport)
            theirs_report = results_here.recv()
            child.join(30)
        finally:
            if child.is_alive():
                child.kill()
            link.close()
        return [mine_report, theirs_report]
    if transport in ("python-ring", "python-ring-yield", "java-python-ring"):
        link = RingLink(spec["blockPrefix"], initiator, int(spec.get("capacity", 65536)), deadline,
                        "yield" if transport.endswith("-yield") else "spin")
    elif transport == "java-python-tcp":
        if initiator:
            raise SystemExit("java-python-tcp: the Java side initiates (it listens)")
        link = TcpLink(spec["directory"], deadline)
    else:
        raise SystemExit("unknown transport %r: one of %s" % (transport, ", ".join(TRANSPORTS)))
    try:
        loop = PeerLoop(transport, spec, link)
        return [loop.run_initiator() if initiator else loop.run_responder()]
    finally:
        link.close()


def trial_spec(transport, size, seconds, warmup, capacity=65536):
    prefix = "pybench-%d-%s-" % (os.getpid(), uuid.uuid4().hex[:6])
    return {"transport": transport, "size": str(size), "capacity": str(capacity), "directory": tempfile.mkdtemp(),
            "blockPrefix": prefix, "connectTimeoutNs": str(30 * 10 ** 9), "pingWarmUpNs": str(int(warmup * 1e9)),
            "pingNs": str(int(seconds * 1e9)), "throughputWarmUpNs": str(int(warmup * 1e9)),
            "throughputNs": str(int(seconds * 1e9))}


def run(transport, size=64, seconds=2.0, warmup=0.5, pin=False, capacity=65536):
    """Both sides of a Python trial; returns {"initiator": report, "responder": report}. ``pin``: the initiator on
    CPU 0, the responder on CPU 1."""
    if transport not in PYTHON_ONLY:
        raise SystemExit("run: %s has a Java side; run it through bin/ipc bench" % transport)
    spec = trial_spec(transport, size, seconds, warmup, capacity)
    if pin:
        spec["responderCpu"] = "1"
    try:
        if transport.startswith("python-ring"):
            args = [sys.executable, os.path.abspath(__file__), "peer", "side=responder"] + \
                ["%s=%s" % kv for kv in spec.items()] + (["cpu=1"] if pin else [])
            responder = subprocess.Popen(args, stdout=subprocess.PIPE, universal_newlines=True)
            try:
                reports = peer(dict(spec, side="initiator", cpu="0" if pin else ""))
                out, _ = responder.communicate(timeout=120)
            finally:
                if responder.poll() is None:
                    responder.kill()
                    responder.wait()
            reports += [json.loads(line[len(RESULT_PREFIX):]) for line in out.splitlines()
                        if line.startswith(RESULT_PREFIX)]
        else:
            reports = peer(dict(spec, side="initiator", cpu="0" if pin else ""))
    finally:
        os.rmdir(spec["directory"]) if os.path.isdir(spec["directory"]) and not os.listdir(spec["directory"]) \
            else None
    by_side = {r["side"]: r for r in reports}
    if len(by_side) != 2 or any(r.get("error") for r in reports):
        raise RuntimeError("%s: %s" % (transport, reports))
    return by_side


def summary(by_side):
    init, resp = by_side["initiator"], by_side["responder"]
    seconds = resp["throughputNs"] / 1e9
    return {"p50_ns": init["rttPercentilesNs"].get("p50"), "p99_ns": init["rttPercentilesNs"].get("p99"),
            "p999_ns": init["rttPercentilesNs"].get("p99.9"), "round_trips": init["pingSamples"],
            "msgs_per_s": resp["throughputMessages"] / seconds if seconds else 0.0}


def compare(transports, sizes, seconds, repetitions, warmup, pin=False, capacity=65536):
    results = {}
    for size in sizes:
        for rep in range(repetitions):
            for transport in transports:
                s = summary(run(transport, size, seconds, warmup, pin, capacity))
                results.setdefault((transport, size), []).append(s)
                sys.stderr.write("  %-13s %5d B  rep %d: p50 %s  %s msgs/s\n"
                                 % (transport, size, rep + 1, fmt_ns(s["p50_ns"]), fmt_rate(s["msgs_per_s"])))
    return results


def median(values):
    v = sorted(x for x in values if x is not None)
    return v[len(v) // 2] if v else None


def fmt_ns(ns):
    if ns is None:
        return "-"
    return "%.0f ns" % ns if ns < 1000 else "%.1f µs" % (ns / 1e3) if ns < 1e6 else "%.2f ms" % (ns / 1e6)


def fmt_rate(r):
    return "%.2f M" % (r / 1e6) if r >= 1e6 else "%.0f k" % (r / 1e3)


def table(results, transports, sizes):
    lines = []
    for size in sizes:
        med = {t: {k: median([s[k] for s in results[(t, size)]]) for k in ("p50_ns", "p99_ns", "msgs_per_s")}
               for t in transports}
        lines.append("**%d B messages** (medians of %d interleaved repetitions)" % (size, len(results[(transports[0],
                                                                                                      size)])))
        lines.append("")
        refs = [r for r in ("python-pipe", "python-queue") if r in med]
        head = "| transport | RTT p50 | RTT p99 | msgs/s |" + "".join(" p50 vs %s | msgs/s vs %s |" % (r, r)
                                                                    for r in refs)
        lines.append(head)
        lines.append("|:--|--:|--:|--:|" + "--:|--:|" * len(refs))
        for t in transports:
            m = med[t]
            row = "| %s | %s | %s | %s |" % (t, fmt_ns(m["p50_ns"]), fmt_ns(m["p99_ns"]), fmt_rate(m["msgs_per_s"]))
            for r in refs:
                row += " %.1f× | %.1f× |" % (med[r]["p50_ns"] / m["p50_ns"], m["msgs_per_s"] / med[r]["msgs_per_s"])
            lines.append(row)
        lines.append("")
    return "\n".join(lines)


def options(argv):
    o = {}
    for arg in argv:
        k, sep, v = arg.partition("=")
        if not sep:
            raise SystemExit("expected key=value, got %r\n%s" % (arg, __doc__))
        o[k] = v
    return o


def main(argv):
    if len(argv) == 4 and argv[1] == "rotation":
        return rotation_main(argv[2], argv[3])
    if len(argv) < 2 or argv[1] not in ("peer", "run", "compare"):
        sys.stderr.write(__doc__)
        return 2
    o = options(argv[2:])
    if argv[1] == "peer":
        for r in peer(o):
            print_report(r)
        return 0
    if argv[1] == "run":
        for r in run(o["transport"], int(o.get("size", "64")), float(o.get("seconds", "2")),
                     float(o.get("warmup", "0.5")), o.get("pin", "false") == "true",
                     int(o.get("capacity", "65536"))).values():
            print_report(r)
        return 0
    transports = o.get("transports", ",".join(DEFAULT_COMPARE)).split(",")
    sizes = [int(s) for s in o.get("sizes", "64").split(",")]
    results = compare(transports, sizes, float(o.get("seconds", "2")), int(o.get("repetitions", "3")),
                      float(o.get("warmup", "0.5")), o.get("pin", "false") == "true",
                      int(o.get("capacity", "65536")))
    print(table(results, transports, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
