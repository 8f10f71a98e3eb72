package dev.quanta.engine.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.OptionsSchema;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.tflite.ConversionMetadataCodec;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.tflite.TfliteWriter;
import dev.quanta.engine.util.QuantaException;
import dev.quanta.testing.JudgeComparison;
import dev.quanta.testing.OpProbe;
import dev.quanta.testing.SharedData;
import dev.quanta.testing.TfliteRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The converter facts each pass must reproduce, checked on the models it writes. */
class PassStructureTest {

    static Model read(String file) throws Exception {
        return TfliteReader.read(Files.readAllBytes(SharedData.model(file)), file);
    }

    static Model run(Model m, Recipe r, CalibrationSamples samples) {
        return TfliteReader.read(Optimizer.optimize(m, 0, r, samples, null, null).model(), "out");
    }

    static List<Operator> ops(Model m, int builtin) {
        return m.main().operators().stream().filter(o -> o.builtin() == builtin).toList();
    }

    static String metadata(Model m, String key) {
        return new String(m.metadata(key).buffer().bytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void fp16StoresEveryConstantAsHalfBehindOneDequantizeEach() throws Exception {
        Model in = read("aeq/conv_fc_mnist.tflite");
        byte[] before = TfliteWriter.toBytes(in);
        Model out = run(in, Recipe.of(Mode.FP16), null);
        assertArrayEquals(before, TfliteWriter.toBytes(in), "the input model is not modified");
        List<Operator> deq = ops(out, BuiltinOp.DEQUANTIZE);
        long halfConstants = out.main().tensors().stream()
                .filter(t -> t.type() == DType.FLOAT16 && t.isConstant()).count();
        assertEquals(halfConstants, deq.size(), "one DEQUANTIZE per float16 constant");
        assertTrue(out.main().tensors().stream().noneMatch(t -> t.type() == DType.FLOAT32 && t.isConstant()));
        assertEquals(3, deq.get(0).opCode().version(), "DEQUANTIZE from float16 is version 3");
        assertEquals("fp16accfp32", metadata(out, Float16Pass.REDUCED_PRECISION_KEY));
        assertEquals(List.of(1001), ConversionMetadataCodec.modes(out.metadata(ConversionMetadataCodec.KEY)
                .buffer().bytes()));
        String mrv = metadata(out, RuntimeVersions.KEY);
        assertEquals(16, mrv.length(), "min_runtime_version is 16 bytes, zero padded");
        assertEquals("1.15.0", RuntimeVersions.read(out), "DEQUANTIZE v3 needs 1.15.0");
    }

    @Test
    void dynamicRangeUsesHybridKernelsWithAsymmetricInputs() throws Exception {
        Model out = run(read("aeq/conv_fc_mnist.tflite"), Recipe.of(Mode.DYNAMIC), null);
        Operator fc = ops(out, BuiltinOp.FULLY_CONNECTED).get(0);
        Tensor w = fc.input(1);
        assertEquals(DType.INT8, w.type());
        assertEquals(1, w.quant().scale().length, "per-tensor FULLY_CONNECTED weights by default");
        assertEquals(0, w.quant().zeroPoint(0));
        assertTrue(fc.options().getBool("asymmetric_quantize_inputs"));
        assertEquals(9, fc.opCode().version(), "hybrid FULLY_CONNECTED with asymmetric inputs is version 9");
        assertEquals(DType.FLOAT32, ops(out, BuiltinOp.CONV_2D).get(0).input(1).type(),
                "a 72-element filter stays float (threshold 1024)");
        assertEquals("2.3.0", RuntimeVersions.read(out));
        assertEquals(List.of(1002), ConversionMetadataCodec.modes(out.metadata(ConversionMetadataCodec.KEY)
                .buffer().bytes()));
    }

    @Test
    void perChannelFullyConnectedNamesItsRuntimeAndOldRuntimesRefuseIt() throws Exception {
        Recipe r = Recipe.of(Mode.DYNAMIC).withOptions(new QuantOptions(true, false, 0));
        OptimizeResult res = Optimizer.optimize(read("aeq/conv_fc_mnist.tflite"), 0, r, null, null, null);
        Model out = TfliteReader.read(res.model(), "out");
        Operator fc = ops(out, BuiltinOp.FULLY_CONNECTED).get(0);
        assertEquals(fc.input(1).dim(0), fc.input(1).quant().scale().length);
        assertEquals(12, fc.opCode().version());
        assertEquals(QuantOptions.PER_CHANNEL_FC_RUNTIME, res.minRuntimeVersion());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfliteRuntime.load(res.model()));
        assertTrue(e.getMessage().contains("FULLY_CONNECTED' version '12"), e.getMessage());
    }

    @Test
    void int8FollowsTheIntegerSpec() throws Exception {
        Model in = read("aeq/conv_fc_mnist.tflite");
        CalibrationSamples samples = Samples.random(in, 4);
        Model out = run(in, Recipe.of(Mode.INT8), samples);
        Operator conv = ops(out, BuiltinOp.CONV_2D).get(0);
        Tensor x = conv.input(0);
        Tensor w = conv.input(1);
        Tensor b = conv.input(2);
        assertEquals(DType.INT8, x.type());
        assertEquals(w.dim(0), w.quant().scale().length, "per-channel conv weights on axis 0");
        assertEquals(0, w.quant().quantizedDimension());
        assertEquals(DType.INT32, b.type());
        for (int c = 0; c < w.dim(0); c++) {
            assertEquals((float) ((double) x.quant().scale(0) * w.quant().scale(c)), b.quant().scale(c));
        }
        assertEquals(3, conv.opCode().version());
        Operator softmax = ops(out, BuiltinOp.SOFTMAX).get(0);
        assertEquals(QuantParams.perTensor(1f / 256, -128), softmax.output(0).quant());
        Operator reshape = ops(out, BuiltinOp.RESHAPE).get(0);
        assertEquals(reshape.input(0).quant(), reshape.output(0).quant(), "RESHAPE keeps its input's scale");
        Operator fc = ops(out, BuiltinOp.FULLY_CONNECTED).get(0);
        assertEquals(1, fc.input(1).quant().scale().length, "per-tensor FULLY_CONNECTED (TFLite 2.6.2)");
        assertEquals(4, fc.opCode().version());
        assertEquals(BuiltinOp.QUANTIZE, out.main().operators().get(0).builtin(), "float input, QUANTIZE first");
        Operator last = out.main().operators().get(out.main().operators().size() - 1);
        assertEquals(BuiltinOp.DEQUANTIZE, last.builtin(), "float output, DEQUANTIZE last");
        assertEquals(DType.FLOAT32, out.main().inputs().get(0).type());
        assertEquals(List.of(1003), ConversionMetadataCodec.modes(out.metadata(ConversionMetadataCodec.KEY)
                .buffer().bytes()));
    }

    @Test
    void int16x8UsesSymmetricInt16ActivationsAndInt64Bias() throws Exception {
        Model in = read("aeq/conv_fc_mnist.tflite");
        Model out = run(in, Recipe.of(Mode.INT16X8), Samples.random(in, 4));
        Operator conv = ops(out, BuiltinOp.CONV_2D).get(0);
        assertEquals(DType.INT16, conv.input(0).type());
        assertEquals(0, conv.input(0).quant().zeroPoint(0));
        assertEquals(DType.INT8, conv.input(1).type());
        assertEquals(DType.INT64, conv.input(2).type());
        assertEquals(QuantParams.perTensor(1f / 32768, 0), ops(out, BuiltinOp.SOFTMAX).get(0).output(0).quant());
        assertEquals(List.of(1004), ConversionMetadataCodec.modes(out.metadata(ConversionMetadataCodec.KEY)
                .buffer().bytes()));
        OptimizeResult io16 = Optimizer.optimize(in, 0, Recipe.of(Mode.INT16X8).withIo(IoType.INT16),
                Samples.random(in, 4), null, null);
        Model m16 = TfliteReader.read(io16.model(), "io16");
        assertEquals(DType.INT16, m16.main().inputs().get(0).type());
        assertEquals(DType.INT16, m16.main().outputs().get(0).type());
        try (TfliteRuntime rt = TfliteRuntime.load(io16.model())) {
            assertEquals("INT16", rt.inputType(0));
        }
    }

    /**
     * 16x8 BATCH_MATMUL: both operands int16 with zero point 0 (a constant rhs too; TFLite 2.6.2 refuses an int8
     * rhs next to an int16 lhs, and any non-zero zero point), version 3 as TF's op_version.cc gives it (so
     * min_runtime_version 2.4.0), and TFLite 2.6.2 computes what Quanta does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aeq/bmm.tflite", "aeq/bmm_constant_input.tflite"})
    void int16x8BatchMatMulHasInt16OperandsTfliteRuns(String file) throws Exception {
        Model in = read(file);
        byte[] bytes = Optimizer.optimize(in, 0, Recipe.of(Mode.INT16X8), Samples.random(in, 4), null, null).model();
        Model out = TfliteReader.read(bytes, "out");
        Operator bmm = ops(out, BuiltinOp.BATCH_MATMUL).get(0);
        for (Tensor t : List.of(bmm.input(0), bmm.input(1), bmm.output(0))) {
            assertEquals(DType.INT16, t.type(), t.name());
            assertEquals(0, t.quant().zeroPoint(0), t.name());
        }
        assertEquals(3, bmm.opCode().version(), "int16 BATCH_MATMUL is version 3");
        assertEquals("2.4.0", metadata(out, RuntimeVersions.KEY).replace("\0", ""), "BATCH_MATMUL v3 needs 2.4.0");
        var stats = JudgeComparison.compare(bytes, 3, InterpreterOptions.defaults().withThreads(1));
        assertEquals(0, stats.mismatches(), file + ": " + stats);
    }

    /**
     * 16x8 ops TFLite 2.6.2 runs on int16 (data movement, selection, MAXIMUM, REDUCE_MIN, the resizes): the data
     * input is int16 with zero point 0, the version is what TF's op_version.cc gives int16 (and
     * min_runtime_version covers it), and TFLite 2.6.2 computes what Quanta does. (single_slice feeds begin and
     * size as inputs shorter than 2.6.2 reads them; QuantizedModelsRunInQuantaTest judges it with resized inputs.)
     */
    @ParameterizedTest
    @CsvSource({"aeq/single_broadcast_to.tflite,BROADCAST_TO,3",
        "aeq/single_gather_nd_with_const_indices.tflite,GATHER_ND,3", "aeq/single_maximum.tflite,MAXIMUM,4",
        "aeq/single_pack.tflite,PACK,3", "aeq/single_padv2.tflite,PADV2,3",
        "aeq/single_resize_nearest_neighbor.tflite,RESIZE_NEAREST_NEIGHBOR,4",
        "aeq/single_resize_bilinear.tflite,RESIZE_BILINEAR,4", "aeq/single_select.tflite,SELECT,1",
        "aeq/single_select_v2.tflite,SELECT_V2,1", "aeq/single_split.tflite,SPLIT,4", "aeq/single_unpack.tflite,UNPACK,4",
        "aeq/single_reduce_min.tflite,REDUCE_MIN,3"})
    void int16x8OpsRunInTfliteAtTheConverterVersion(String file, String op, int version) throws Exception {
        Model in = read(file);
        byte[] bytes = Optimizer.optimize(in, 0, Recipe.of(Mode.INT16X8), Samples.random(in, 4), null, null).model();
        Model out = TfliteReader.read(bytes, "out");
        int code = IntegerOpVersionsTest.SingleOpCodes.code(op);
        Operator o = ops(out, code).get(0);
        Tensor data = o.input(dev.quanta.engine.kernels.KernelRegistry.typeInput(code));
        assertEquals(DType.INT16, data.type(), op + " data input");
        assertEquals(0, data.quant().zeroPoint(0), op + " data zero point");
        assertEquals(version, o.opCode().version(), op + " int16 version");
        String needs = RuntimeVersions.forOp(code, version);
        assertFalse(RuntimeVersions.older(RuntimeVersions.read(out), needs), op + " v" + version + " needs " + needs);
        var stats = JudgeComparison.compare(bytes, 3, InterpreterOptions.defaults().withThreads(1));
        assertTrue(stats.elements() > 0, file);
        assertEquals(0, stats.mismatches(), file + ": " + stats);
    }

    /** A float single-op model of an op no shared model has, for the 16x8 pass. */
    static byte[] floatProbe(String op) {
        DType f = DType.FLOAT32;
        OpProbe p = new OpProbe().input(f, new int[] {4, 6, 16}, null);
        return switch (op) {
            case "LEAKY_RELU" -> p.build(BuiltinOp.LEAKY_RELU, 1,
                    OptionsSchema.create("LeakyReluOptions", "alpha", 0.2f), f, new int[] {4, 6, 16}, null);
            case "REDUCE_MAX" -> p.constant(DType.INT32, new int[] {1}, null, OpProbe.ints(1)).build(
                    BuiltinOp.REDUCE_MAX, 1, OptionsSchema.create("ReducerOptions", "keep_dims", false), f,
                    new int[] {4, 16}, null);
            case "MINIMUM" -> p.input(f, new int[] {1, 6, 16}, null).build(BuiltinOp.MINIMUM, 1,
                    OptionsSchema.create("MaximumMinimumOptions"), f, new int[] {4, 6, 16}, null);
            case "SPLIT_V" -> p.constant(DType.INT32, new int[] {3}, null, OpProbe.ints(5, 3, 8))
                    .constant(DType.INT32, new int[] {}, null, OpProbe.ints(2)).build(BuiltinOp.SPLIT_V, 1,
                            OptionsSchema.create("SplitVOptions", "num_splits", 3), f,
                            new int[][] {{4, 6, 5}, {4, 6, 3}, {4, 6, 8}}, null);
            default -> throw new IllegalArgumentException(op);
        };
    }

    /**
     * The same for ops without a shared single-op model: LEAKY_RELU (its own output scale), REDUCE_MAX, MINIMUM
     * (with broadcasting) and SPLIT_V become int16 at the converter's version and TFLite 2.6.2 agrees with Quanta.
     */
    @ParameterizedTest
    @CsvSource({"LEAKY_RELU,2", "REDUCE_MAX,3", "MINIMUM,4", "SPLIT_V,1"})
    void int16x8QuantizesOpsWithoutSharedModels(String op, int version) throws Exception {
        Model in = TfliteReader.read(floatProbe(op), op);
        byte[] bytes = Optimizer.optimize(in, 0, Recipe.of(Mode.INT16X8), Samples.random(in, 4), null, null).model();
        Operator o = ops(TfliteReader.read(bytes, "out"), IntegerOpVersionsTest.SingleOpCodes.code(op)).get(0);
        assertEquals(DType.INT16, o.input(0).type(), op);
        assertEquals(DType.INT16, o.output(0).type(), op);
        assertEquals(version, o.opCode().version(), op + " int16 version");
        var stats = JudgeComparison.compare(bytes, 3, InterpreterOptions.defaults().withThreads(1));
        assertTrue(stats.elements() > 0, op);
        assertEquals(0, stats.mismatches(), op + ": " + stats);
    }

    /**
     * TFLite 2.6.2 refuses int16 RSQRT, SQUARED_DIFFERENCE, the comparisons, SPACE_TO_DEPTH, HARD_SWISH and SUM
     * with its own output scale (Int16OpsMatchTfliteTest has each error), so the 16x8 pass leaves them float and
     * says why.
     */
    @ParameterizedTest
    @CsvSource({"aeq/single_rsqrt.tflite,RSQRT", "aeq/single_squared_difference.tflite,SQUARED_DIFFERENCE",
        "aeq/single_equal.tflite,EQUAL", "aeq/single_not_equal.tflite,NOT_EQUAL",
        "aeq/single_space_to_depth.tflite,SPACE_TO_DEPTH", "aeq/single_hard_swish.tflite,HARD_SWISH",
        "aeq/single_sum.tflite,SUM"})
    void int16x8KeepsOpsWithoutInt16KernelsFloat(String file, String op) throws Exception {
        Model in = read(file);
        OptimizeResult r = Optimizer.optimize(in, 0, Recipe.of(Mode.INT16X8), Samples.random(in, 4), null, null);
        Model out = TfliteReader.read(r.model(), "out");
        Operator o = ops(out, IntegerOpVersionsTest.SingleOpCodes.code(op)).get(0);
        assertEquals(DType.FLOAT32, o.input(0).type());
        assertTrue(r.ops().stream().anyMatch(x -> x.op().equals(op) && x.treatment() == OpReport.Treatment.FLOAT
                && x.detail().contains("no 16x8 kernel")), op + " reported float");
    }

    @Test
    void keepFloatBracketsTheOpWithDequantizeAndQuantize() throws Exception {
        Model in = read("aeq/conv_fc_mnist.tflite");
        OptimizeResult r = Optimizer.optimize(in, 0, Recipe.of(Mode.INT8).withKeepFloat(List.of("SOFTMAX")),
                Samples.random(in, 4), null, null);
        Model out = TfliteReader.read(r.model(), "out");
        Operator softmax = ops(out, BuiltinOp.SOFTMAX).get(0);
        assertEquals(DType.FLOAT32, softmax.input(0).type());
        assertFalse(softmax.output(0).isQuantized());
        assertEquals(BuiltinOp.DEQUANTIZE, out.main().producer(softmax.input(0)).builtin());
        assertTrue(r.ops().stream().anyMatch(o -> o.op().equals("SOFTMAX")
                && o.treatment() == OpReport.Treatment.FLOAT && o.detail().contains("SOFTMAX")));
        try (TfliteRuntime rt = TfliteRuntime.load(r.model())) {
            assertEquals(1, rt.inputCount());
        }
    }

    @Test
    void int8OnlyNamesTheOperatorsItCannotQuantize() throws Exception {
        Model in = read("aeq/single_sqrt.tflite");
        QuantaException e = assertThrows(QuantaException.class,
                () -> Optimizer.optimize(in, 0, Recipe.of(Mode.INT8_ONLY), Samples.random(in, 2), null, null));
        assertTrue(e.getMessage().contains("SQRT #0"), e.getMessage());
    }
}
