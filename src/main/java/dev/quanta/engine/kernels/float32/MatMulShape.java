package dev.quanta.engine.kernels.float32;

import dev.quanta.engine.graph.Shapes;
import dev.quanta.engine.kernels.Broadcast;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import java.util.Arrays;

/**
 * The geometry of one BATCH_MATMUL, shared by its float, int8 and hybrid kernels: matrix sizes after
 * {@code adj_x}/{@code adj_y}, the NumPy-broadcast batch dims, and for each output batch the lhs and
 * rhs matrix it reads (precomputed, so the loops do no index arithmetic over shapes).
 *
 * @param batchShape the broadcast batch dims of the output
 * @param lhsBatch the lhs batch dims
 * @param rhsBatch the rhs batch dims
 * @param m rows of each output matrix
 * @param k the inner dimension
 * @param n columns of each output matrix
 * @param adjX whether the lhs's last two dims are transposed
 * @param adjY whether the rhs's last two dims are transposed
 * @param lhsOf for output batch {@code b}, the lhs matrix it reads
 * @param rhsOf for output batch {@code b}, the rhs matrix it reads
 */
public record MatMulShape(int[] batchShape, int[] lhsBatch, int[] rhsBatch, int m, int k, int n, boolean adjX,
                          boolean adjY, int[] lhsOf, int[] rhsOf) {

    /** Checks the operands of {@code node}, resizes its output to {@code [batch..., m, n]} and returns the geometry. */
    public static MatMulShape prepare(Node node, TensorSlot lhs, TensorSlot rhs, TensorSlot out) {
        KernelException.require(lhs.rank() >= 2 && rhs.rank() >= 2, "BATCH_MATMUL inputs must have rank 2 or more");
        boolean adjX = node.options().getBool("adj_x");
        boolean adjY = node.options().getBool("adj_y");
        int[] ls = lhs.shape();
        int[] rs = rhs.shape();
        int m = adjX ? ls[ls.length - 1] : ls[ls.length - 2];
        int k = adjX ? ls[ls.length - 2] : ls[ls.length - 1];
        int k2 = adjY ? rs[rs.length - 1] : rs[rs.length - 2];
        int n = adjY ? rs[rs.length - 2] : rs[rs.length - 1];
        KernelException.require(k == k2, "BATCH_MATMUL inner dims differ: " + k + " and " + k2);
        int[] lb = Arrays.copyOf(ls, ls.length - 2);
        int[] rb = Arrays.copyOf(rs, rs.length - 2);
        int[] batch = Broadcast.shape(lb, rb);
        int[] os = Arrays.copyOf(batch, batch.length + 2);
        os[batch.length] = m;
        os[batch.length + 1] = n;
        out.resize(os);
        int batches = Shapes.size(batch);
        int[] lhsOf = new int[batches];
        int[] rhsOf = new int[batches];
        for (int b = 0; b < batches; b++) {
            lhsOf[b] = Broadcast.sourceIndex(b, batch, lb);
            rhsOf[b] = Broadcast.sourceIndex(b, batch, rb);
        }
        return new MatMulShape(batch, lb, rb, m, k, n, adjX, adjY, lhsOf, rhsOf);
    }

    /** Output batches. */
    public int batches() {
        return lhsOf.length;
    }

    /** The lhs matrix output batch {@code b} reads. */
    public int lhsIndex(int b) {
        return lhsOf[b];
    }

    /** The rhs matrix output batch {@code b} reads. */
    public int rhsIndex(int b) {
        return rhsOf[b];
    }

    /** Offset of the lhs matrix output batch {@code b} reads, in elements from the tensor's start. */
    public int lhsBase(int b) {
        return lhsOf[b] * m * k;
    }

    /** Offset of the rhs matrix output batch {@code b} reads. */
    public int rhsBase(int b) {
        return rhsOf[b] * k * n;
    }

    /** Offset of {@code lhs[i][kk]} within one lhs matrix (stored transposed when {@code adjX}). */
    public int lhsAt(int i, int kk) {
        return adjX ? kk * m + i : i * k + kk;
    }

    /** Offset of {@code rhs[kk][j]} within one rhs matrix (stored transposed when {@code adjY}). */
    public int rhsAt(int kk, int j) {
        return adjY ? j * k + kk : kk * n + j;
    }

    /** How many lhs matrices there are. */
    public int lhsMatrices() {
        return Shapes.size(lhsBatch);
    }

    /** How many rhs matrices there are. */
    public int rhsMatrices() {
        return Shapes.size(rhsBatch);
    }
}
