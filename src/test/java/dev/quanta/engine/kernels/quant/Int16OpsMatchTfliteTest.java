package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.OptionsSchema;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.testing.JudgeComparison;
import dev.quanta.testing.ModelInputs;
import dev.quanta.testing.OpProbe;
import dev.quanta.testing.TfliteRuntime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which ops TFLite 2.6.2 runs with int16 activations (16x8), on single-op models at the version TF's converter
 * writes for int16 ({@link Int16Probes}): the ones it refuses, with its error (why the 16x8 pass keeps them float),
 * and the ones it runs, judged bit-exact against Quanta on random int16 inputs over the whole range.
 */
class Int16OpsMatchTfliteTest {

    private static void assertExact(byte[] model, String what) {
        var stats = JudgeComparison.compare(model, 3, InterpreterOptions.defaults().withThreads(1));
        assertTrue(stats.elements() > 0, what);
        assertEquals(0, stats.mismatches(), what + ": " + stats);
    }

    /** TFLite 2.6.2's refusal of each op with int16 tensors, at the converter's version (and lower ones noted). */
    @ParameterizedTest(name = "{0} v{1}")
    @CsvSource(delimiter = '|', value = {
        "SUM|1|reduce.cc:552 input->params.scale != op_context->output->params.scale",
        "HARD_SWISH|1|Only float32, uint8 and int8 are supported currently, got INT16",
        "ARG_MAX|1|Unknown input type: 7, only float32 and int types are supported",
        "ARG_MIN|1|Unknown input type: 7, only float32 and int types are supported",
        "L2_NORMALIZATION|1|l2norm.cc:57 output->type == kTfLiteFloat32 || output->type == kTfLiteUInt8"
            + " || output->type == kTfLiteInt8 was not true",
        "LOG_SOFTMAX|1|Only float32, uint8 and int8 are supported currently, got INT16",
        "SPACE_TO_DEPTH|1|space_to_depth.cc:60 data_type == kTfLiteFloat32 || data_type == kTfLiteUInt8",
        "MIRROR_PAD|3|Didn't find op for builtin opcode 'MIRROR_PAD' version '3'",
        "MIRROR_PAD|2|Node number 0 (MIRROR_PAD) failed to invoke",
        "BATCH_TO_SPACE_ND|4|Didn't find op for builtin opcode 'BATCH_TO_SPACE_ND' version '4'",
        "BATCH_TO_SPACE_ND|3|Type 7 is currently not supported by BatchToSpace",
        "SPACE_TO_BATCH_ND|4|Didn't find op for builtin opcode 'SPACE_TO_BATCH_ND' version '4'",
        "SPACE_TO_BATCH_ND|3|Type 7 is currently not supported by SpaceToBatch"})
    void tfliteRefusesInt16(String op, int version, String error) {
        byte[] model = Int16Probes.model(op, version);
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (TfliteRuntime rt = TfliteRuntime.load(model)) {
                rt.run(ModelInputs.random(TfliteReader.read(model, "probe"), 1));
            }
        });
        assertTrue(e.getMessage().contains(error), e.getMessage());
    }

    /** SUM int16 runs only with equal input/output quantization (its sum wraps in 16 bits), so the pass keeps it float. */
    @ParameterizedTest
    @CsvSource({"SUM_SAME_SCALE,1"})
    void tfliteRunsSumInt16OnlyWithEqualQuantization(String op, int version) {
        try (TfliteRuntime rt = TfliteRuntime.load(Int16Probes.model(op, version))) {
            assertEquals(1, rt.inputCount());
        }
    }

    /** The ops TFLite 2.6.2 runs on int16 at the converter's version; Quanta computes the same integers. */
    @ParameterizedTest(name = "{0} v{1}")
    @CsvSource({"LEAKY_RELU,2", "RESIZE_BILINEAR,4", "RESIZE_NEAREST_NEIGHBOR,4", "PADV2,3", "SLICE,4", "GATHER_ND,3",
        "SPLIT_V,1", "UNPACK,4", "BROADCAST_TO,3", "REDUCE_MAX,3", "REDUCE_MIN,3", "PACK,3", "MAXIMUM,4",
        "MINIMUM,4", "SELECT,1", "SELECT_V2,1"})
    void runsLikeTflite(String op, int version) {
        assertExact(Int16Probes.model(op, version), op);
    }

    /**
     * LEAKY_RELU int16: {@code QuantizeLeakyRelu} with both multipliers formed from float quotients, identity and
     * alpha multipliers below and above one.
     */
    @ParameterizedTest
    @CsvSource({"0.0011,0.0007,0.2", "0.0003,0.0009,0.01", "0.002,0.002,0.3", "0.0001,0.00003,0.5",
        "0.00037,0.00041,0.1"})
    void leakyReluInt16(float sIn, float sOut, float alpha) {
        byte[] model = new OpProbe().input(DType.INT16, new int[] {8, 64}, Int16Probes.q(sIn))
                .build(BuiltinOp.LEAKY_RELU, 2, OptionsSchema.create("LeakyReluOptions", "alpha", alpha), DType.INT16,
                        new int[] {8, 64}, Int16Probes.q(sOut));
        assertExact(model, "LEAKY_RELU int16");
    }

    /** RESIZE_BILINEAR int16 ({@code ResizeBilinearInteger<int16_t>}): up and down, align_corners, half_pixel_centers. */
    @ParameterizedTest
    @CsvSource({"7,9,false,false", "7,9,true,false", "7,9,false,true", "3,5,false,true", "9,4,true,false",
        "9,4,false,true"})
    void resizeBilinearInt16(int outH, int outW, boolean align, boolean half) {
        byte[] model = new OpProbe().input(DType.INT16, new int[] {2, 5, 6, 3}, Int16Probes.q(Int16Probes.S_IN))
                .constant(DType.INT32, new int[] {2}, null, OpProbe.ints(outH, outW))
                .build(BuiltinOp.RESIZE_BILINEAR, 4, OptionsSchema.create("ResizeBilinearOptions", "align_corners",
                        align, "half_pixel_centers", half), DType.INT16, new int[] {2, outH, outW, 3},
                        Int16Probes.q(Int16Probes.S_IN));
        assertExact(model, "RESIZE_BILINEAR int16");
    }

    /** RESIZE_NEAREST_NEIGHBOR int16 moves stored values: align_corners and half_pixel_centers. */
    @ParameterizedTest
    @CsvSource({"7,9,true,false", "3,11,false,true", "9,4,false,false"})
    void resizeNearestInt16(int outH, int outW, boolean align, boolean half) {
        byte[] model = new OpProbe().input(DType.INT16, new int[] {2, 5, 6, 3}, Int16Probes.q(Int16Probes.S_IN))
                .constant(DType.INT32, new int[] {2}, null, OpProbe.ints(outH, outW))
                .build(BuiltinOp.RESIZE_NEAREST_NEIGHBOR, 4, OptionsSchema.create("ResizeNearestNeighborOptions",
                        "align_corners", align, "half_pixel_centers", half), DType.INT16,
                        new int[] {2, outH, outW, 3}, Int16Probes.q(Int16Probes.S_IN));
        assertExact(model, "RESIZE_NEAREST_NEIGHBOR int16");
    }

    /** REDUCE_MAX/REDUCE_MIN int16 with keep_dims and a negative axis. */
    @ParameterizedTest
    @CsvSource({"REDUCE_MAX", "REDUCE_MIN"})
    void reduceMinMaxInt16KeepDims(String op) {
        byte[] model = new OpProbe().input(DType.INT16, new int[] {2, 6, 16}, Int16Probes.q(Int16Probes.S_IN))
                .constant(DType.INT32, new int[] {1}, null, OpProbe.ints(-1))
                .build(BuiltinOp.code(op), 3, OptionsSchema.create("ReducerOptions", "keep_dims", true), DType.INT16,
                        new int[] {2, 6, 1}, Int16Probes.q(Int16Probes.S_IN));
        assertExact(model, op + " int16");
    }
}
