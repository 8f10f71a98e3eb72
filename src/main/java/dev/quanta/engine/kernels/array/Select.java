package dev.quanta.engine.kernels.array;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Broadcast;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.util.QuantaException;

/**
 * SELECT and SELECT_V2: {@code out[i] = cond[i] ? x[i] : y[i]} with {@code cond} a BOOL tensor.
 * SELECT (v1) accepts three equal shapes, a scalar condition, or a rank-1 condition whose length is
 * {@code x}'s first dimension (it then picks whole rows). SELECT_V2 broadcasts all three operands.
 */
public final class Select implements Kernel {

    /** SELECT's output shape (that of {@code x}) after checking TFLite's three accepted forms. */
    public static int[] v1Shape(int[] cond, int[] x, int[] y) {
        if (!java.util.Arrays.equals(x, y)) {
            throw new QuantaException("SELECT needs x and y of one shape, got " + Layout.str(x) + " and " + Layout.str(y));
        }
        boolean same = java.util.Arrays.equals(cond, x);
        boolean scalar = cond.length == 0;
        boolean rows = cond.length == 1 && x.length >= 1 && cond[0] == x[0];
        if (!same && !scalar && !rows) {
            throw new QuantaException("SELECT condition " + Layout.str(cond) + " must match x " + Layout.str(x)
                    + ", be a scalar, or be rank 1 with x's first dimension");
        }
        return x.clone();
    }

    /** SELECT_V2's output shape: the broadcast of all three shapes. */
    public static int[] v2Shape(int[] cond, int[] x, int[] y) {
        return broadcast(broadcast(cond, x), y);
    }

    static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new QuantaException("shapes " + Layout.str(a) + " and " + Layout.str(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Reference for both versions: every output element looks up its condition, x and y elements by
     * broadcasting. For SELECT's rank-1 form the condition is aligned with the first dimension.
     */
    public static void reference(byte[] cond, int cOff, int[] cShape, Object x, int xOff, int[] xShape, Object y,
                                 int yOff, int[] yShape, int[] outShape, boolean rowCondition, Object out, int outOff) {
        int n = Layout.size(outShape);
        int rowSize = rowCondition ? Layout.product(outShape, 1, outShape.length) : 0;
        for (int i = 0; i < n; i++) {
            int ci = rowCondition ? i / rowSize : Broadcast.sourceIndex(i, outShape, cShape);
            if (cond[cOff + ci] != 0) {
                Layout.copyOne(x, xOff + Broadcast.sourceIndex(i, outShape, xShape), out, outOff + i);
            } else {
                Layout.copyOne(y, yOff + Broadcast.sourceIndex(i, outShape, yShape), out, outOff + i);
            }
        }
    }

    /**
     * Fast form when x and y have the output's shape: the condition is then {@code blocks} values
     * each covering {@code block} consecutive elements (block 1: same shape; scalar or rank-1: rows).
     */
    public static void blocks(byte[] cond, int cOff, int blocks, int block, Object x, int xOff, Object y, int yOff,
                              Object out, int outOff) {
        for (int b = 0; b < blocks; b++) {
            Object src = cond[cOff + b] != 0 ? x : y;
            int off = cond[cOff + b] != 0 ? xOff : yOff;
            System.arraycopy(src, off + b * block, out, outOff + b * block, block);
        }
    }

    /** SELECT and SELECT_V2 (condition, x, y). */
    @Override
    public Eval prepare(Node node) {
        boolean v2 = node.op().builtin() == BuiltinOp.SELECT_V2;
        TensorSlot cond = Operands.in(node, 0, "condition");
        TensorSlot x = Operands.in(node, 1, "x");
        TensorSlot y = Operands.in(node, 2, "y");
        TensorSlot out = node.output(0);
        KernelException.require(cond.type() == DType.BOOL, "the condition must be BOOL, got " + cond);
        Operands.elementwise(x);
        Operands.sameType(x, y);
        Operands.sameType(x, out);
        Operands.sameQuant(x, out);
        Operands.sameQuant(y, out);
        int[] c = cond.shape();
        int[] xs = x.shape();
        int[] ys = y.shape();
        int[] shape = v2 ? v2Shape(c, xs, ys) : v1Shape(c, xs, ys);
        out.resize(shape);
        int n = Layout.size(shape);
        boolean full = java.util.Arrays.equals(xs, shape) && java.util.Arrays.equals(ys, shape);
        boolean rows = !v2 && c.length == 1 && !java.util.Arrays.equals(c, shape);
        int blocks = cond.size();
        if (!node.reference() && full && blocks > 0 && (java.util.Arrays.equals(c, shape) || blocks == 1 || rows)) {
            int block = n / blocks;
            return p -> blocks(cond.bytes(), cond.offset(), blocks, block, x.array(), x.offset(), y.array(), y.offset(),
                    out.array(), out.offset());
        }
        return p -> reference(cond.bytes(), cond.offset(), c, x.array(), x.offset(), xs, y.array(), y.offset(), ys,
                shape, rows, out.array(), out.offset());
    }
}
