package dev.quanta.engine.kernels.array;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Broadcast;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER and GREATER_EQUAL with broadcasting and a BOOL output
 * (one byte, 0 or 1). Float comparisons follow IEEE: NaN compares unequal to everything, so only
 * NOT_EQUAL is true for it.
 */
public enum Comparison implements Kernel {
    EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL;

    boolean test(float a, float b) {
        return switch (this) {
            case EQUAL -> a == b;
            case NOT_EQUAL -> a != b;
            case LESS -> a < b;
            case LESS_EQUAL -> a <= b;
            case GREATER -> a > b;
            case GREATER_EQUAL -> a >= b;
        };
    }

    boolean test(long a, long b) {
        return switch (this) {
            case EQUAL -> a == b;
            case NOT_EQUAL -> a != b;
            case LESS -> a < b;
            case LESS_EQUAL -> a <= b;
            case GREATER -> a > b;
            case GREATER_EQUAL -> a >= b;
        };
    }

    /**
     * Compares {@code a} and {@code b} (same storage kind; {@code byte[]} read unsigned when
     * {@code unsignedBytes}, as for UINT8 and BOOL) broadcast to {@code outShape}.
     */
    public void eval(Object a, int aOff, int[] aShape, Object b, int bOff, int[] bShape, boolean unsignedBytes,
                     int[] outShape, byte[] out, int outOff) {
        int n = Layout.size(outShape);
        boolean same = java.util.Arrays.equals(aShape, outShape) && java.util.Arrays.equals(bShape, outShape);
        for (int i = 0; i < n; i++) {
            int ia = same ? i : Broadcast.sourceIndex(i, outShape, aShape);
            int ib = same ? i : Broadcast.sourceIndex(i, outShape, bShape);
            boolean r;
            if (a instanceof float[] fa) {
                r = test(fa[aOff + ia], ((float[]) b)[bOff + ib]);
            } else if (a instanceof int[] xa) {
                r = test(xa[aOff + ia], ((int[]) b)[bOff + ib]);
            } else if (a instanceof long[] xa) {
                r = test(xa[aOff + ia], ((long[]) b)[bOff + ib]);
            } else if (a instanceof short[] xa) {
                r = test(xa[aOff + ia], ((short[]) b)[bOff + ib]);
            } else {
                byte va = ((byte[]) a)[aOff + ia];
                byte vb = ((byte[]) b)[bOff + ib];
                r = unsignedBytes ? test(va & 0xff, vb & 0xff) : test(va, vb);
            }
            out[outOff + i] = (byte) (r ? 1 : 0);
        }
    }

    /** The comparison on (x, y) with broadcasting; quantized operands must share parameters. */
    @Override
    public Eval prepare(Node node) {
        TensorSlot a = Operands.in(node, 0, "x");
        TensorSlot b = Operands.in(node, 1, "y");
        TensorSlot out = node.output(0);
        Operands.elementwise(a);
        Operands.sameType(a, b);
        Operands.sameQuant(a, b);
        KernelException.require(out.type() == DType.BOOL, "the output must be BOOL, got " + out);
        KernelException.require(a.type() != DType.FLOAT16 && a.type() != DType.BFLOAT16,
                "half-precision comparisons are not supported");
        int[] as = a.shape();
        int[] bs = b.shape();
        int[] shape = Select.broadcast(as, bs);
        out.resize(shape);
        boolean unsigned = a.type() == DType.UINT8 || a.type() == DType.BOOL;
        return p -> eval(a.array(), a.offset(), as, b.array(), b.offset(), bs, unsigned, shape, out.bytes(),
                out.offset());
    }
}
