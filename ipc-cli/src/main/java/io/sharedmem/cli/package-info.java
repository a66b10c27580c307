/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The {@code ipc} command line (picocli): {@code ls}, {@code info}, {@code dump}, {@code create}, {@code rm} and
 * {@code gc} read and manage blocks with plain file reads; {@code demo}, {@code bench}, {@code report} and {@code
 * bridge} start the examples, bench and Aeron jars.
 */
package io.sharedmem.cli;
