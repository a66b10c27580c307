/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Implementation: the files and mappings behind blocks (names, the block directory, exclusive owner-only creation
 * that never follows a link, mapping and pre-touch, faults of files truncated under a mapping, read-only buffers).
 * Public for the project's own tools; not exported by the module.
 */
package io.sharedmem.block;
