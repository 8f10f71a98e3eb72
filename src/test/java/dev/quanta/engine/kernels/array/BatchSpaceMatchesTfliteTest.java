package dev.quanta.engine.kernels.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.OptionsSchema;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.engine.runtime.Interpreter;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.util.QuantaException;
import dev.quanta.testing.JudgeComparison;
import dev.quanta.testing.OpProbe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND ({@link BatchSpace}) equal TensorFlow Lite 2.6.2 element for
 * element: float32, int8 and uint8 with a non-zero zero point (the value SPACE_TO_BATCH_ND pads with),
 * 4-D and 3-D inputs, paddings, crops, square and non-square blocks, batches above one.
 */
class BatchSpaceMatchesTfliteTest {

    /** {@code shape} "n h w c" or "n h c"; {@code block} "bh bw" or "bh"; {@code pads} 4 or 2 values. */
    static byte[] model(String op, DType type, String shape, String block, String pads, int zp) {
        int[] in = ints(shape);
        int[] bs = ints(block);
        int[] p = ints(pads);
        QuantParams q = type == DType.FLOAT32 ? null : QuantParams.perTensor(0.05f, zp);
        boolean toBatch = op.equals("SPACE_TO_BATCH_ND");
        int[] out = in.clone(); // placeholder: the interpreters infer the real shape
        return new OpProbe().input(type, in, q)
                .constant(DType.INT32, new int[] {bs.length}, null, OpProbe.ints(bs))
                .constant(DType.INT32, new int[] {bs.length, 2}, null, OpProbe.ints(p))
                .build(toBatch ? BuiltinOp.SPACE_TO_BATCH_ND : BuiltinOp.BATCH_TO_SPACE_ND,
                        type == DType.FLOAT32 ? 1 : 2,
                        OptionsSchema.create(toBatch ? "SpaceToBatchNDOptions" : "BatchToSpaceNDOptions"), type, out,
                        q);
    }

    static int[] ints(String s) {
        String[] parts = s.trim().split(" +");
        int[] v = new int[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Integer.parseInt(parts[i]);
        }
        return v;
    }

    @ParameterizedTest(name = "{0} {1} {2} block {3} pads {4}")
    @CsvSource({
        "SPACE_TO_BATCH_ND, FLOAT32, 1 4 4 1, 2 2, 0 0 0 0",
        "SPACE_TO_BATCH_ND, FLOAT32, 2 5 3 3, 2 2, 1 0 0 1",
        "SPACE_TO_BATCH_ND, FLOAT32, 1 5 7 2, 3 2, 2 2 0 1",
        "SPACE_TO_BATCH_ND, INT8, 2 5 3 3, 2 2, 1 0 0 1",
        "SPACE_TO_BATCH_ND, UINT8, 1 6 2 4, 2 1, 1 1 0 0",
        "SPACE_TO_BATCH_ND, FLOAT32, 2 5 3, 2, 1 0",
        "BATCH_TO_SPACE_ND, FLOAT32, 4 2 2 1, 2 2, 0 0 0 0",
        "BATCH_TO_SPACE_ND, FLOAT32, 8 3 2 3, 2 2, 1 0 0 1",
        "BATCH_TO_SPACE_ND, FLOAT32, 12 3 4 2, 3 2, 2 1 1 0",
        "BATCH_TO_SPACE_ND, INT8, 8 3 2 3, 2 2, 1 0 0 1",
        "BATCH_TO_SPACE_ND, UINT8, 4 3 3 2, 2 2, 0 1 1 1",
        "BATCH_TO_SPACE_ND, FLOAT32, 4 3 2, 2, 1 0",
    })
    void matchesTflite(String op, DType type, String shape, String block, String pads) {
        byte[] file = model(op, type, shape, block, pads, type == DType.UINT8 ? 131 : type == DType.INT8 ? -37 : 0);
        for (boolean reference : new boolean[] {false, true}) {
            JudgeComparison.Stats s = JudgeComparison.compare(file, 3,
                    InterpreterOptions.defaults().withThreads(1).withReference(reference));
            assertTrue(s.elements() > 0);
            assertEquals(0, s.mismatches(), s.toString());
        }
    }

    @ParameterizedTest(name = "{0} {1} block {2} pads {3}")
    @CsvSource({
        "SPACE_TO_BATCH_ND, 1 5 4 1, 2 2, 0 0 0 0, padded size 5x4 is not divisible",
        "BATCH_TO_SPACE_ND, 6 2 2 1, 2 2, 0 0 0 0, batch 6 is not a multiple of the block size 4",
        "BATCH_TO_SPACE_ND, 4 1 1 1, 2 2, 2 1 0 0, crops are larger",
    })
    void badShapesAreNamed(String op, String shape, String block, String pads, String message) {
        byte[] file = model(op, DType.FLOAT32, shape, block, pads, 0);
        QuantaException e = assertThrows(QuantaException.class,
                () -> new Interpreter(TfliteReader.read(file, "probe")).close());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
