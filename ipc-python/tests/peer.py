#!/usr/bin/env python3
"""One side of a ring, driven by cross-process tests (Python's own and the Java ones). Arguments: a mode, then
``key=value`` options; the package must be importable (PYTHONPATH=ipc-python). Messages are ``checked.py``'s.

  produce ring= from=0 count=-1 min=0 max= claim=false slow_fill_us=0 announce_claims=false force=false gap_ms=0
          liveness_ms=5000
      takes the producer role, commits messages from..from+count-1 (count=-1: forever), by offer or by claim and
      commit (with slow_fill_us, the claim stays open that long after the sequence number is written; with
      announce_claims, "claimed S" is printed then); prints "producing tookOver=B previous=PID", then "produced N".
  consume ring= from=-1 count=-1 until=-1 limit=64 min=0 max= log= force=false liveness_ms=5000
      takes the consumer role and checks every message whole and in order from its first (from=-1: whatever comes
      first); adds 1 per delivery to byte seq of the raw block ``log``; prints "consuming tookOver=B", "first S",
      then "consumed N last S". A wrong message: "ERROR ..." and exit 2; nothing for 60 s: exit 3.
  hold ring= role=producer|consumer kind=spsc|mpsc
      takes a role, prints "holding", waits to be killed.
  mpsc-consume ring= producers=P count= max= limit=64
      consumes an mpsc-ring fed by P producers, each sending count messages whose type id is 1 + producer index and
      whose payload is checked message seq (min 12 bytes); checks each producer's stream in order; prints
      "consumed N".
  mpsc-produce ring= producer= count= max=
      one producer of such a stream, through MpscRing.offer; prints "produced N".
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import sharedmem  # noqa: E402
from checked import CheckedMessages  # noqa: E402


def options(argv):
    o = {}
    for arg in argv:
        k, _, v = arg.partition("=")
        o[k] = v
    return o


def flag(o, key):
    return o.get(key, "false").lower() == "true"


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def messages(o):
    return CheckedMessages(int(o.get("min", "0")), int(o["max"]))


def attach(o):
    return sharedmem.SpscRing.attach(o["ring"], liveness_timeout=int(o.get("liveness_ms", "5000")) / 1000.0)


def produce(o):
    m = messages(o)
    start = int(o.get("from", "0"))
    count = int(o.get("count", "-1"))
    claim = flag(o, "claim")
    gap = int(o.get("gap_ms", "0")) / 1000.0
    slow_fill = int(o.get("slow_fill_us", "0")) / 1e6
    announce = flag(o, "announce_claims")
    end = float("inf") if count < 0 else start + count
    with attach(o) as ring, ring.producer(force=flag(o, "force")) as producer:
        say("producing tookOver=%s previous=%d" % (str(producer.took_over).lower(), producer.previous_holder_pid))
        seq = start
        offer = producer.offer
        while seq < end:
            if gap:
                time.sleep(gap)
            msg_type = m.type_id(seq)
            if claim:
                n = m.length(seq)
                view = producer.try_claim(msg_type, n)
                while view is None:
                    view = producer.try_claim(msg_type, n)
                if n >= 8:  # in place, piece by piece, as applications do: a kill may land half-way
                    view[0:8] = seq.to_bytes(8, "little")
                if announce:
                    say("claimed %d" % seq)
                if slow_fill:  # an application working between claim and commit: the claim stays open longer
                    until = time.monotonic() + slow_fill
                    while time.monotonic() < until:
                        pass
                m.fill(view, seq)
                producer.commit()
            else:
                payload = m.payload(seq)
                while not offer(msg_type, payload):
                    pass
            seq += 1
        say("produced %d" % (seq - start))
    return 0


def consume(o):
    m = messages(o)
    nxt = int(o.get("from", "-1"))
    count = int(o.get("count", "-1"))
    until = int(o.get("until", "-1"))
    limit = int(o.get("limit", "64"))
    log_name = o.get("log")
    state = {"next": nxt, "received": 0, "error": None, "started": False}
    log = sharedmem.SharedBlock.attach(log_name) if log_name else None
    log_buf = log.buf if log else None

    def handler(msg_type, view):
        if state["error"] is not None:
            return
        if not state["started"]:
            state["started"] = True
            if state["next"] < 0:
                state["next"] = m.seq_low(msg_type)
            if log_buf is not None:
                say("first %d" % state["next"])
        seq = state["next"]
        err = m.check(seq, msg_type, view)
        if err is not None:
            state["error"] = err
            return
        if log_buf is not None:
            log_buf[seq] = (log_buf[seq] + 1) & 0xFF
        state["next"] = seq + 1
        state["received"] += 1

    with attach(o) as ring, ring.consumer(force=flag(o, "force")) as consumer:
        say("consuming tookOver=%s" % str(consumer.took_over).lower())
        while (count < 0 or state["received"] < count) and (until < 0 or state["next"] < until):
            n = consumer.read(handler, limit, timeout=60.0, idle="spin")
            if state["error"] is not None:
                say("ERROR after %d messages: %s" % (state["received"], state["error"]))
                os._exit(2)
            if n == 0:
                say("ERROR: nothing for 60 s after %d messages" % state["received"])
                os._exit(3)
        say("consumed %d last %d" % (state["received"], state["next"]))
    if log is not None:
        del log_buf
        log.close()
    return 0


def hold(o):
    if o.get("kind", "spsc") == "mpsc":
        ring = sharedmem.MpscRing.attach(o["ring"])
        role = ring.consumer()
    else:
        ring = attach(o)
        role = ring.consumer() if o.get("role") == "consumer" else ring.producer()
    say("holding")
    time.sleep(3600)
    return 0 if role else 1


def mpsc_consume(o):
    m = CheckedMessages(12, int(o["max"]))
    producers = int(o["producers"])
    count = int(o["count"])
    limit = int(o.get("limit", "64"))
    nxt = [0] * producers
    state = {"received": 0, "error": None}

    def handler(msg_type, view):
        p = msg_type - 1
        if state["error"] is not None:
            return
        if not 0 <= p < producers:
            state["error"] = "type %d names no producer" % msg_type
            return
        err = m.check(nxt[p], m.type_id(nxt[p]), view)
        if err is not None:
            state["error"] = "producer %d: %s" % (p, err)
            return
        nxt[p] += 1
        state["received"] += 1

    total = producers * count
    with sharedmem.MpscRing.attach(o["ring"]) as ring, ring.consumer() as consumer:
        say("consuming")
        deadline = time.monotonic() + 60
        while state["received"] < total:
            n = consumer.poll(handler, limit)
            if state["error"] is not None:
                say("ERROR after %d messages: %s" % (state["received"], state["error"]))
                os._exit(2)
            if n:
                deadline = time.monotonic() + 60
            elif time.monotonic() > deadline:
                say("ERROR: nothing for 60 s after %d messages" % state["received"])
                os._exit(3)
        say("consumed %d" % state["received"])
    return 0


def mpsc_produce(o):
    m = CheckedMessages(12, int(o["max"]))
    p = int(o["producer"])
    count = int(o["count"])
    with sharedmem.MpscRing.attach(o["ring"]) as ring:
        say("producing")
        for seq in range(count):
            payload = m.payload(seq)
            while not ring.offer(1 + p, payload):
                pass
        say("produced %d" % count)
    return 0


MODES = {"produce": produce, "consume": consume, "hold": hold, "mpsc-consume": mpsc_consume,
         "mpsc-produce": mpsc_produce}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in MODES:
        sys.stderr.write(__doc__)
        sys.exit(64)
    sys.exit(MODES[sys.argv[1]](options(sys.argv[2:])))
