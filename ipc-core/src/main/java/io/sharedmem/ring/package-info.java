/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Rings laid over blocks: {@link io.sharedmem.ring.SpscRing} (one producer process, one consumer process, every
 * message once and in order, crash-safe; its sides {@link io.sharedmem.ring.RingProducer} and
 * {@link io.sharedmem.ring.RingConsumer}),
 * {@link io.sharedmem.ring.MpscRing} and {@link io.sharedmem.ring.BroadcastRing} (Agrona's rings behind the same
 * header), their options ({@link io.sharedmem.ring.RingOptions}), the record layout
 * ({@link io.sharedmem.ring.SpscRecordDescriptor}) and a consumer's doorbell
 * ({@link io.sharedmem.ring.DoorbellIdleStrategy}). The contract is docs/RINGS.md.
 */
package io.sharedmem.ring;
