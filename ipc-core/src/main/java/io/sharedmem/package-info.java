/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Named shared-memory blocks: {@link io.sharedmem.SharedBlock} creates, attaches, lists and removes them (options
 * through {@link io.sharedmem.BlockOptions}, listings as {@link io.sharedmem.BlockInfo}), and the exceptions every
 * part of the library throws, all {@link io.sharedmem.SharedMemoryException}s, each for one action a user takes
 * (docs/RINGS.md lists them).
 */
package io.sharedmem;
