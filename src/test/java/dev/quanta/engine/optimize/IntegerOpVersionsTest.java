package dev.quanta.engine.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.Operator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The versions the full-integer passes give the operators TFLite 2.6.2's converter versions by type
 * ({@code op_version.cc}): int8 kernels are version 2 (HARD_SWISH has one version; this RESIZE_BILINEAR
 * uses half_pixel_centers and this RESIZE_NEAREST_NEIGHBOR a flag, version 3 for int8; quantized BROADCAST_TO
 * is 3), int16 ones 3 (RELU int16 included, TFLite 2.5+; int16 RESIZE_BILINEAR is 4).
 */
class IntegerOpVersionsTest {

    @ParameterizedTest
    @CsvSource({"aeq/bmm.tflite,int8,BATCH_MATMUL,INT8,2", "aeq/single_rsqrt.tflite,int8,RSQRT,INT8,2",
        "aeq/single_hard_swish.tflite,int8,HARD_SWISH,INT8,1",
        "aeq/single_squared_difference.tflite,int8,SQUARED_DIFFERENCE,INT8,2",
        "aeq/single_sum.tflite,int8,SUM,INT8,2", "aeq/single_reduce_min.tflite,int8,REDUCE_MIN,INT8,2",
        "aeq/single_equal.tflite,int8,EQUAL,INT8,2", "aeq/single_not_equal.tflite,int8,NOT_EQUAL,INT8,2",
        "aeq/single_resize_bilinear.tflite,int8,RESIZE_BILINEAR,INT8,3",
        "aeq/single_relu.tflite,int16x8,RELU,INT16,3", "aeq/single_tanh.tflite,int16x8,TANH,INT16,3",
        "aeq/single_fc_bias_logistic.tflite,int16x8,LOGISTIC,INT16,3", "aeq/single_mean.tflite,int16x8,MEAN,INT16,3",
        "aeq/bmm.tflite,int16x8,BATCH_MATMUL,INT16,3", "aeq/bmm_constant_input.tflite,int16x8,BATCH_MATMUL,INT16,3",
        "aeq/single_resize_nearest_neighbor.tflite,int8,RESIZE_NEAREST_NEIGHBOR,INT8,3",
        "aeq/single_resize_bilinear.tflite,int16x8,RESIZE_BILINEAR,INT16,4",
        "aeq/single_broadcast_to.tflite,int8,BROADCAST_TO,INT8,3"})
    void passEmitsTheConverterVersion(String file, String mode, String op, DType type, int version) throws Exception {
        Model in = PassStructureTest.read(file);
        Mode m = java.util.Arrays.stream(Mode.values()).filter(x -> x.id().equals(mode)).findFirst().orElseThrow();
        Model out = PassStructureTest.run(in, Recipe.of(m), Samples.random(in, 4));
        List<Operator> ops = PassStructureTest.ops(out, SingleOpCodes.code(op));
        assertFalse(ops.isEmpty(), op + " is in the optimized model");
        for (Operator o : ops) {
            assertEquals(type, o.input(0).type(), op + " runs on " + type);
            assertEquals(version, o.opCode().version(), op + " on " + type);
        }
    }

    /** Builtin codes by name. */
    static final class SingleOpCodes {
        static int code(String name) {
            try {
                return BuiltinOp.class.getField(name).getInt(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(name, e);
            }
        }
    }
}
