/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * JMH micro-benchmarks of the in-process hot paths: typed block access and ring offer/poll and claim/commit, with
 * Agrona's {@code OneToOneRingBuffer} as the baseline. Build and run:
 * <pre>
 * mvn -B -q -pl ipc-bench -am package -DskipTests
 * java -jar ipc-bench/target/benchmarks.jar -prof gc
 * </pre>
 * Allocation shows as {@code gc.alloc.rate.norm} (bytes per operation): 0 on every hot path.
 */
package io.sharedmem.bench.jmh;
