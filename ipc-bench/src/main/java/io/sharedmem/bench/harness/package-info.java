/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The one harness that runs every transport: a run is a series of rotations, each a turn per transport with two peer
 * processes (a rotation of one transport is a trial), interleaved so that transports are compared within one run; the
 * peers, their loops and the check of every message; what each turn measured.
 */
package io.sharedmem.bench.harness;
