"""SpscRing in one process: the record format, wrapping, claims, errors, roles and the skipped zone, byte for byte
as docs/LAYOUT.md says."""

import os
import struct
import subprocess
import time
import unittest

from checked import CheckedMessages
from support import Checker, new_name, remove_quietly

import sharedmem
from sharedmem import layout as L
from sharedmem import (LayoutVersionError, NotFormattedError, RoleTakenError, SharedBlock, SpscRing, WrongKindError)


class SpscRingTest(unittest.TestCase):
    def setUp(self):
        self.name = new_name("spsc")
        self.ring = SpscRing.create(self.name, 1024)

    def tearDown(self):
        self.ring.close()
        remove_quietly(self.name)

    def test_header_is_laid_out_as_the_page_says(self):
        raw = bytes(self.ring.block.buf[:1024])
        self.assertEqual(0x44484D53_00000002, struct.unpack_from("<Q", raw, 0)[0])
        self.assertEqual(b"SMHD", raw[4:8])
        kind, hlen, poff, plen, pid = struct.unpack_from("<iiqqq", raw, 8)
        self.assertEqual((1, 1024, 1024, 1024, os.getpid()), (kind, hlen, poff, plen, pid))
        self.assertEqual(128, struct.unpack_from("<i", raw, 60)[0])
        self.assertEqual(1024, struct.unpack_from("<i", raw, 80)[0])
        self.assertEqual(2048, self.ring.block.size)

    def test_messages_cross_many_wraps_whole_and_in_order(self):
        m = CheckedMessages(0, 128)
        checker = Checker(m)
        with self.ring.producer() as p, self.ring.consumer() as c:
            for seq in range(20000):
                while not p.offer(m.type_id(seq), m.payload(seq)):
                    c.poll(checker, 7)
                if seq % 3 == 0:
                    c.poll(checker, 5)
            while c.poll(checker, 100):
                pass
        self.assertIsNone(checker.error)
        self.assertEqual(20000, checker.received)

    def test_a_record_is_one_header_word_then_the_payload(self):
        with self.ring.producer() as p:
            self.assertTrue(p.offer(7, b"abc"))
            raw = bytes(self.ring.block.buf[1024:1040])
        self.assertEqual(struct.pack("<ii", 11, 7) + b"abc", raw[:11])
        self.assertEqual(bytes(8), bytes(self.ring.block.buf[1040:1048]), "the word after the tail is zero")

    def test_claims_write_in_place_and_aborts_become_padding(self):
        got = []
        with self.ring.producer() as p, self.ring.consumer() as c:
            view = p.try_claim(5, 4)
            view[:] = b"wxyz"
            p.commit()
            with self.assertRaises(ValueError):
                view[0]  # released at commit
            p.try_claim(6, 10)
            p.abort()
            p.offer(8, b"!")
            c.poll(lambda t, v: got.append((t, bytes(v))))
        self.assertEqual([(5, b"wxyz"), (8, b"!")], got)

    def test_a_full_ring_refuses_then_takes_again(self):
        with self.ring.producer() as p, self.ring.consumer() as c:
            n = 0
            while p.offer(1, bytes(56)):
                n += 1
            self.assertEqual(15, n)  # 16 records of 64 bytes, less the 8 bytes that must stay free
            self.assertEqual(3, c.poll(lambda t, v: None, 3))
            self.assertTrue(p.offer(1, bytes(56)))

    def test_bad_messages_are_refused_with_the_sizes(self):
        with self.ring.producer() as p:
            with self.assertRaises(ValueError) as ctx:
                p.offer(1, bytes(129))
            self.assertIn('message of 129 bytes does not fit ring "%s": its maximum is 128' % self.name,
                          str(ctx.exception))
            for bad in (0, -1, 1 << 31):
                with self.assertRaises(ValueError) as ctx:
                    p.offer(bad, b"x")
                self.assertIn("type id must be 1 or more", str(ctx.exception))
            self.assertTrue(p.offer(1, bytearray(128)))
            self.assertTrue(p.offer(1, memoryview(bytes(16)).cast("d")))  # any bytes-like object

    def test_handler_views_are_read_only_and_released_after_the_call(self):
        kept = []
        with self.ring.producer() as p, self.ring.consumer() as c:
            p.offer(1, b"hello")

            def handler(t, view):
                self.assertTrue(view.readonly)
                self.assertEqual(b"hello", bytes(view))
                kept.append(view)
            c.poll(handler)
        with self.assertRaises(ValueError):
            bytes(kept[0])

    def test_a_handler_that_raises_leaves_its_message_consumed(self):
        got = []
        with self.ring.producer() as p, self.ring.consumer() as c:
            for i in range(1, 4):
                p.offer(i, b"x")

            def handler(t, v):
                got.append(t)
                if t == 2:
                    raise KeyError("boom")
            with self.assertRaises(KeyError):
                c.poll(handler)
            c.poll(handler)
        self.assertEqual([1, 2, 3], got)

    def test_one_producer_per_ring_even_in_one_process(self):
        with self.ring.producer():
            with self.assertRaises(RoleTakenError) as ctx:
                self.ring.producer()
            self.assertIn("is this process", str(ctx.exception))
            self.assertIn("pid %d" % os.getpid(), str(ctx.exception))
        with self.ring.producer():  # released: free again
            pass

    def test_the_owner_word_is_epoch_and_pid(self):
        with self.ring.producer():
            word = struct.unpack_from("<Q", self.ring.block.buf, 128)[0]
            self.assertEqual(os.getpid(), word & 0xFFFFFFFF)
            self.assertEqual(1, word >> 32)
            self.assertEqual(1, struct.unpack_from("<i", self.ring.block.buf, 128 + 64)[0])
        self.assertEqual(1 << 32, struct.unpack_from("<Q", self.ring.block.buf, 128)[0])

    def test_the_consumer_puts_its_epoch_in_the_head_word(self):
        with self.ring.producer() as p:
            p.offer(1, b"x")
        with self.ring.consumer() as c:
            c.poll(lambda t, v: None)
            word = struct.unpack_from("<Q", self.ring.block.buf, 640)[0]
            self.assertEqual((1, 16), (word >> 48, word & L.POSITION_MASK))

    def test_the_doorbell_is_where_the_java_library_puts_it(self):
        from sharedmem.spsc import _Doorbell
        # Values the Java library's Doorbell.pathFor gives for these block files.
        self.assertEqual("/tmp/sharedmem-ced4ffd0829c1954.bell", _Doorbell("/dev/shm/orders")._path)
        self.assertEqual("/tmp/sharedmem-a4f533c531f0980c.bell", _Doorbell("/tmp/some dir/\u00e9")._path)

    def test_a_producer_rings_a_sleeping_consumers_doorbell(self):
        import socket
        from sharedmem.spsc import _Doorbell
        path = _Doorbell(self.ring.block.path)._path
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            if os.path.exists(path):
                os.unlink(path)
            server.bind(path)
            server.listen(1)
            server.settimeout(5)
            with self.ring.producer() as p:
                p.offer(1, b"no one sleeps")
                self.ring._atomics.ints[L.SLEEPING_FLAG_OFFSET >> 2] = 1
                p.offer(1, b"wake up")
                connection, _ = server.accept()
                connection.settimeout(5)
                self.assertEqual(b"\x01", connection.recv(1))
                connection.close()
        finally:
            server.close()
            os.unlink(path)

    def test_a_ring_of_layout_version_1_is_refused(self):
        name = new_name("v1")
        try:
            with SharedBlock.create(name, 2048) as b:
                struct.pack_into("<Q", b.buf, 0, 0x44484D53_00000001)
                with self.assertRaises(LayoutVersionError) as ctx:
                    SpscRing.attach(name)
                self.assertIn("layout version 1 but this library reads version 2", str(ctx.exception))
                struct.pack_into("<Q", b.buf, 0, 0x1234)
                with self.assertRaises(NotFormattedError):
                    SpscRing.attach(name)
        finally:
            remove_quietly(name)

    def test_another_kind_is_refused(self):
        name = new_name("mpsc")
        try:
            sharedmem.MpscRing.create(name, 1024).close()
            with self.assertRaises(WrongKindError) as ctx:
                SpscRing.attach(name)
            self.assertIn("is a mpsc-ring, not a spsc-ring", str(ctx.exception))
        finally:
            remove_quietly(name)


class ZoneTest(unittest.TestCase):
    """A producer forced out while it may still be running: its successor leaves a zone for the record it may
    finish, the consumer skips it, and it is lifted once that holder is gone."""

    def setUp(self):
        self.name = new_name("zone")
        self.ring = SpscRing.create(self.name, 1024, liveness_timeout=0.5)
        self.holder = subprocess.Popen(["sleep", "60"])

    def tearDown(self):
        self.holder.kill()
        self.holder.wait()
        self.ring.close()
        remove_quietly(self.name)

    def plant_stale_producer(self):
        """Makes the producer slot name the sleeping child as a holder whose heartbeat stopped long ago."""
        from sharedmem import _identity
        words = self.ring._atomics.words
        owner = (5 << 32) | self.holder.pid
        for offset, value in ((L.SLOT_PID, self.holder.pid), (L.SLOT_START_TICKS,
                                                                _identity.start_ticks(self.holder.pid)),
                              (L.SLOT_HEARTBEAT, time.monotonic_ns() - 60 * 10 ** 9),
                              (L.SLOT_BOOT_ID_HASH, _identity.ME.boot_id_hash),
                              (L.SLOT_PID_NAMESPACE, _identity.ME.pid_namespace)):
            words[(L.PRODUCER_SLOT_OFFSET + offset) >> 3] = value
        self.ring._atomics.ints[(L.PRODUCER_SLOT_OFFSET + L.SLOT_INFO_EPOCH) >> 2] = 5
        words[L.PRODUCER_SLOT_OFFSET >> 3] = owner
        return owner

    def test_a_stale_holder_is_taken_only_with_force_and_leaves_a_zone(self):
        with self.ring.producer() as p:
            for i in range(5):
                p.offer(1, bytes([i]) * 20)  # 5 records of 32 bytes: tail 160
        owner = self.plant_stale_producer()
        self.assertEqual("STALE", self.ring.producer_status())
        with self.assertRaises(RoleTakenError) as ctx:
            self.ring.producer()
        self.assertIn("heartbeat is", str(ctx.exception))
        got = []
        with self.ring.producer(force=True) as p, self.ring.consumer() as c:
            self.assertTrue(p.took_over)
            words = self.ring._atomics.words
            state = words[L.ZONE_STATE_OFFSET >> 3] >> 48
            start, end = words[L.ZONE_START_OFFSET >> 3], words[L.ZONE_END_OFFSET >> 3]
            self.assertEqual(L.ZONE_ACTIVE, state)
            self.assertEqual(160, start)
            self.assertEqual(160 + 136 + 8, end)  # align8(128 + 8) + 8
            self.assertEqual(owner, words[L.ZONE_FENCED_OWNER_OFFSET >> 3])
            # The fenced holder resumes and commits the record it had begun, at the zone's start.
            buf = self.ring.block.buf
            struct.pack_into("<ii", buf, 1024 + 160 + 8, 0x55555555, 0x55555555)
            struct.pack_into("<Q", buf, 1024 + 160 + 16, 0)
            struct.pack_into("<Q", buf, 1024 + 160, (9 << 32) | 16)
            for i in range(40):  # several laps through the zone's occurrences
                self.assertTrue(p.offer(2, bytes([i]) * 20) or c.poll(lambda t, v: got.append((t, bytes(v))), 100)
                                or p.offer(2, bytes([i]) * 20))
                c.poll(lambda t, v: got.append((t, bytes(v))), 100)
            c.poll(lambda t, v: got.append((t, bytes(v))), 100)
        old = [g for g in got if g[0] == 1]
        resumed = [g for g in got if g[0] == 9]
        new = [g for g in got if g[0] == 2]
        self.assertEqual(5, len(old))
        self.assertLessEqual(len(resumed), 1, "the fenced holder's record comes at most once")
        self.assertEqual([bytes([i]) * 20 for i in range(40)], [v for _, v in new])
        self.assertEqual(got[:5], old, "old messages first")

    def test_the_zone_is_lifted_and_cleared_once_the_fenced_holder_is_dead(self):
        self.plant_stale_producer()
        with self.ring.producer(force=True) as p, self.ring.consumer() as c:
            self.holder.kill()
            self.holder.wait()
            words = self.ring._atomics.words
            for i in range(400):
                while not p.offer(1, bytes(20)):
                    c.poll(lambda t, v: None, 100)
                c.poll(lambda t, v: None, 100)
                if words[L.ZONE_STATE_OFFSET >> 3] == 0:
                    break
                time.sleep(0.001)
            self.assertEqual(0, words[L.ZONE_STATE_OFFSET >> 3], "zone neither lifted nor cleared")

    def test_a_second_forced_takeover_while_the_zone_is_in_use_is_refused(self):
        self.plant_stale_producer()
        p = self.ring.producer(force=True)
        p.close()
        self.plant_stale_producer()
        with self.assertRaises(RoleTakenError) as ctx:
            self.ring.producer(force=True)
        self.assertIn("still in use", str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
