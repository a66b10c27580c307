/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The {@code ipc bench} command: what to run (transports, sizes, durations, placement) and where the results go.
 */
package io.sharedmem.bench;
