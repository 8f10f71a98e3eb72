package dev.quanta.engine.kernels.array;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.util.QuantaException;

/**
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND on NHWC tensors (rank 4 with a 2-element block shape, or
 * rank 3 {@code [batch, H, C]} with a 1-element one), as TFLite's reference kernels: the way
 * TensorFlow expresses dilated (atrous) convolutions.
 *
 * <p>SPACE_TO_BATCH_ND pads H and W by {@code paddings} and moves each {@code bh x bw} block offset
 * into the batch: output batch {@code ob} reads input batch {@code ob % batch} at offset
 * {@code (ob / batch) / bw, (ob / batch) % bw}; padding reads the output zero point (0 for float).
 * BATCH_TO_SPACE_ND is its inverse, then crops by {@code crops}. Block shape, paddings and crops must
 * be constant.
 */
public final class BatchSpace implements Kernel {

    /**
     * The gather map (output element {@code i} reads input element {@code map[i]}, or the pad value where
     * {@code map[i] < 0}) and the output shape of SPACE_TO_BATCH_ND, or of BATCH_TO_SPACE_ND when
     * {@code toSpace}, for a rank-4 {@code in}; {@code pads} = {top, bottom, left, right} (paddings or crops).
     */
    static int[][] plan(int[] in, int bh, int bw, int[] pads, boolean toSpace) {
        if (bh < 1 || bw < 1) {
            throw new QuantaException("block shape must be positive, got [" + bh + ", " + bw + "]");
        }
        for (int p : pads) {
            if (p < 0) {
                throw new QuantaException((toSpace ? "crops" : "paddings") + " must not be negative");
            }
        }
        int batch = in[0];
        int h = in[1];
        int w = in[2];
        int c = in[3];
        int[] out;
        if (toSpace) {
            if (batch % (bh * bw) != 0) {
                throw new QuantaException("BATCH_TO_SPACE_ND: batch " + batch + " is not a multiple of the block size "
                        + bh * bw);
            }
            out = new int[] {batch / (bh * bw), h * bh - pads[0] - pads[1], w * bw - pads[2] - pads[3], c};
            if (out[1] < 0 || out[2] < 0) {
                throw new QuantaException("BATCH_TO_SPACE_ND: crops are larger than the output " + Layout.str(in));
            }
        } else {
            int ph = h + pads[0] + pads[1];
            int pw = w + pads[2] + pads[3];
            if (ph % bh != 0 || pw % bw != 0) {
                throw new QuantaException("SPACE_TO_BATCH_ND: padded size " + ph + "x" + pw
                        + " is not divisible by the block shape " + bh + "x" + bw);
            }
            out = new int[] {batch * bh * bw, ph / bh, pw / bw, c};
        }
        int[] map = new int[Layout.size(out)];
        // space side (the larger H x W) and batch side, whichever is input
        int spaceBatch = toSpace ? out[0] : batch;
        for (int bb = 0; bb < (toSpace ? batch : out[0]); bb++) {
            int b = bb % spaceBatch;
            int offH = (bb / spaceBatch) / bw;
            int offW = (bb / spaceBatch) % bw;
            int rows = toSpace ? h : out[1];
            int cols = toSpace ? w : out[2];
            for (int y = 0; y < rows; y++) {
                int sy = y * bh + offH - pads[0];
                for (int x = 0; x < cols; x++) {
                    int sx = x * bw + offW - pads[2];
                    int batchSide = ((bb * rows + y) * cols + x) * c;
                    if (toSpace) {
                        if (sy < 0 || sy >= out[1] || sx < 0 || sx >= out[2]) {
                            continue; // cropped away
                        }
                        int spaceSide = ((b * out[1] + sy) * out[2] + sx) * c;
                        for (int k = 0; k < c; k++) {
                            map[spaceSide + k] = batchSide + k;
                        }
                    } else {
                        boolean inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                        int spaceSide = ((b * h + sy) * w + sx) * c;
                        for (int k = 0; k < c; k++) {
                            map[batchSide + k] = inside ? spaceSide + k : -1;
                        }
                    }
                }
            }
        }
        return new int[][] {out, map};
    }

    /** SPACE_TO_BATCH_ND (input, block_shape, paddings) and BATCH_TO_SPACE_ND (input, block_shape, crops). */
    @Override
    public Eval prepare(Node node) {
        TensorSlot in = Operands.in(node, 0, "input");
        TensorSlot block = Operands.in(node, 1, "block_shape");
        TensorSlot padding = Operands.in(node, 2, node.op().builtin() == BuiltinOp.BATCH_TO_SPACE_ND ? "crops"
                : "paddings");
        TensorSlot out = node.output(0);
        Operands.elementwise(in);
        Operands.sameType(in, out);
        boolean toSpace = node.op().builtin() == BuiltinOp.BATCH_TO_SPACE_ND;
        KernelException.require(block.isConstant() && padding.isConstant(),
                "block shape and " + (toSpace ? "crops" : "paddings") + " must be constant");
        int[] bs = Operands.ints(block);
        int[] pad = Operands.ints(padding);
        int rank = in.rank();
        KernelException.require((rank == 4 && bs.length == 2 && pad.length == 4)
                        || (rank == 3 && bs.length == 1 && pad.length == 2),
                "needs a 4-D input with a 2-element block shape (or 3-D with 1), got " + Layout.str(in.shape())
                        + " and block shape of " + bs.length);
        int[] shape4 = rank == 4 ? in.shape() : new int[] {in.dim(0), in.dim(1), 1, in.dim(2)};
        int[] pads4 = rank == 4 ? pad : new int[] {pad[0], pad[1], 0, 0};
        int[][] plan = plan(shape4, bs[0], rank == 4 ? bs[1] : 1, pads4, toSpace);
        int[] o = plan[0];
        out.resize(rank == 4 ? o : new int[] {o[0], o[1], o[3]});
        int[] map = plan[1];
        if (toSpace) {
            return p -> Layout.gather(map, in.array(), in.offset(), out.array(), out.offset());
        }
        Object pad0 = in.storage().allocate(1);
        QuantParams q = out.quant();
        if (q != null && q.hasScale()) {
            Cast.storeLong(in.type(), pad0, 0, q.zeroPoint(0));
        }
        return p -> {
            Layout.fill(out.array(), out.offset(), map.length, pad0, 0);
            Layout.gather(map, in.array(), in.offset(), out.array(), out.offset());
        };
    }
}
