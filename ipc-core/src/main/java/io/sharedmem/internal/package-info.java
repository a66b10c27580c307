/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Implementation: formatting a block's header, role slots (taking, judging and releasing a role), the heartbeat
 * thread, process identity ({@code /proc}: start ticks, boot id, pid namespace) and the crash points the tests halt
 * processes at. Public for the project's own tools and tests; not exported by the module.
 */
package io.sharedmem.internal;
