/**
 * Integer kernels: int8/uint8 and 16x8 (int16 activations, int8 weights) execution with TensorFlow
 * Lite 2.6.2's integer arithmetic and rounding, plus the hybrid (dynamic-range) kernels that run float
 * activations against int8 weights. Each op has a plain-loop reference that follows TFLite's kernel;
 * fast paths (blocked, multithreaded) are tested bit-exact against it. The 8-bit CONV_2D GEMM runs in
 * {@code PairGemm} (two exact integer products per double lane) and
 * the output stage in {@code Rescale}; see
 * {@code docs/decisions/int8-fast-kernels.md}.
 *
 * <p>Where the kernel TFLite 2.6.2 actually runs by default (the "optimized" built-ins) differs from
 * its reference kernel, the optimized behaviour is the spec: LOGISTIC/TANH int8 and SOFTMAX int8 use
 * float lookup tables, MEAN int8 over height and width averages in float, and int8 BATCH_MATMUL (like
 * CONV_2D and FULLY_CONNECTED) requantizes with ruy's single rounding. Ops whose result depends on one
 * input byte only (RSQRT, HARD_SWISH, LOGISTIC/TANH int8) evaluate the reference formula for all 256
 * bytes at prepare and look results up.
 */
package dev.quanta.engine.kernels.quant;
