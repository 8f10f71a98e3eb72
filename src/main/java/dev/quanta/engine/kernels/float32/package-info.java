/**
 * Float32 kernels with TFLite's semantics. Each class holds a plain reference implementation (the
 * spec) and, where speed matters, a fast one beside it that property tests hold to it: equal, or
 * within {@code Tolerance.CLOSE} where the fast path accumulates with fused multiply-adds
 * ({@link dev.quanta.engine.kernels.float32.Fma}; CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED).
 */
package dev.quanta.engine.kernels.float32;
