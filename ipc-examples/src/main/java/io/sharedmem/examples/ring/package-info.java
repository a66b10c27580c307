/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The checked producer/consumer demo over any channel string: every message carries a sequence number, a time stamp
 * and a CRC32C that the consumer verifies.
 */
package io.sharedmem.examples.ring;
