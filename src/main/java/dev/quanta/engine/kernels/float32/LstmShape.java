package dev.quanta.engine.kernels.float32;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * The geometry of a UNIDIRECTIONAL_SEQUENCE_LSTM node, read and checked once for the float and the
 * hybrid kernel: the FLOAT32 input {@code [steps, batch, input]} (time major) or
 * {@code [batch, steps, input]}, cell and output sizes from the recurrent-to-forget weights
 * {@code [cell, output]}, whether the input gate is coupled to the forget gate (CIFG: inputs 1, 5 and
 * 12 all absent), and the FLOAT32 output and cell state inputs (18 and 19).
 *
 * @param timeMajor the option {@code time_major}
 * @param steps time steps
 * @param batch batch rows
 * @param nInput input features
 * @param nCell cell units
 * @param nOutput output units (the cell size unless there is a projection)
 * @param cifg true when there is no input gate
 */
public record LstmShape(boolean timeMajor, int steps, int batch, int nInput, int nCell, int nOutput, boolean cifg) {

    /** Reads and checks the node's input, recurrent-to-forget weights, CIFG operands and states. */
    public static LstmShape of(Node node) {
        TensorSlot in = node.input(0);
        KernelException.require(in != null && in.type() == DType.FLOAT32 && in.rank() == 3,
                "the LSTM input must be a 3-D FLOAT32 tensor");
        boolean timeMajor = node.options().getBool("time_major");
        KernelException.require(!node.options().getBool("diagonal_recurrent_tensors"),
                "diagonal recurrent weights are not supported");
        TensorSlot recForget = node.input(6);
        KernelException.require(recForget != null && recForget.rank() == 2, "recurrent-to-forget weights are required");
        boolean cifg = node.input(1) == null;
        KernelException.require(cifg == (node.input(5) == null) && cifg == (node.input(12) == null),
                "input gate weights and bias must be all present or all absent (CIFG)");
        LstmShape s = new LstmShape(timeMajor, timeMajor ? in.dim(0) : in.dim(1), timeMajor ? in.dim(1) : in.dim(0),
                in.dim(2), recForget.dim(0), recForget.dim(1), cifg);
        TensorSlot h = node.input(18);
        TensorSlot c = node.input(19);
        KernelException.require(h != null && c != null && h.type() == DType.FLOAT32 && c.type() == DType.FLOAT32
                && h.size() == s.batch * s.nOutput && c.size() == s.batch * s.nCell, "FLOAT32 output state [batch, "
                + s.nOutput + "] and cell state [batch, " + s.nCell + "] are required");
        return s;
    }

    /** Sizes the FLOAT32 output: {@code [steps, batch, output]} or {@code [batch, steps, output]}. */
    public TensorSlot resizeOutput(Node node) {
        TensorSlot out = node.output(0);
        KernelException.require(out.type() == DType.FLOAT32, "the LSTM output must be FLOAT32");
        out.resize(timeMajor ? new int[] {steps, batch, nOutput} : new int[] {batch, steps, nOutput});
        return out;
    }

    /** The row of the input and output holding time step {@code t} of batch row {@code b}. */
    public int row(int t, int b) {
        return timeMajor ? t * batch + b : b * steps + t;
    }
}
