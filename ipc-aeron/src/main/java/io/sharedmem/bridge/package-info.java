/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The bridge between two channels ({@link io.sharedmem.bridge.Bridge}): a local ring to Aeron UDP on one host, Aeron
 * UDP to a local ring on the other, with no change to the programs at either end.
 */
package io.sharedmem.bridge;
