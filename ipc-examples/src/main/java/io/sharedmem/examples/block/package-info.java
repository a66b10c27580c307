/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * A raw block shared by a writer and a reader process: the shortest use of the library.
 */
package io.sharedmem.examples.block;
