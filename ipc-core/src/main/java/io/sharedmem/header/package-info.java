/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The bytes of a formatted block's header, for tools and other languages: the offsets
 * ({@link io.sharedmem.header.HeaderDescriptor}, {@link io.sharedmem.header.ZoneDescriptor}), the kinds
 * ({@link io.sharedmem.header.BlockKind}), and validated copies taken at one moment
 * ({@link io.sharedmem.header.HeaderSnapshot}, {@link io.sharedmem.header.RoleSnapshot} with its
 * {@link io.sharedmem.header.RoleStatus}). Reading only; the byte contract is docs/LAYOUT.md.
 */
package io.sharedmem.header;
