package dev.quanta.testing;

import dev.quanta.engine.graph.Buffer;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.OpCode;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.Options;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.engine.graph.Subgraph;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.tflite.TfliteWriter;
import java.util.ArrayList;
import java.util.List;

/** Builds one-operator models for judging single kernels against TFLite 2.6.2. */
public final class OpProbe {
    private final Model model = new Model();
    private final Subgraph g = new Subgraph("main");
    private final List<Tensor> opInputs = new ArrayList<>();

    public OpProbe() {
        model.subgraphs().add(g);
    }

    /** Adds a graph input. */
    public OpProbe input(DType type, int[] shape, QuantParams q) {
        Tensor t = g.add(new Tensor("in" + opInputs.size(), type, shape));
        t.setQuant(q);
        g.inputs().add(t);
        opInputs.add(t);
        return this;
    }

    /** Adds a constant input with little-endian bytes. */
    public OpProbe constant(DType type, int[] shape, QuantParams q, byte[] bytes) {
        Tensor t = g.add(new Tensor("c" + opInputs.size(), type, shape));
        t.setQuant(q);
        t.setBuffer(Buffer.of(bytes));
        opInputs.add(t);
        return this;
    }

    /** Adds an omitted optional input. */
    public OpProbe none() {
        opInputs.add(null);
        return this;
    }

    /** Finishes with the operator and its single output; returns the .tflite bytes. */
    public byte[] build(int builtin, int version, Options options, DType outType, int[] outShape, QuantParams q) {
        Tensor out = g.add(new Tensor("out", outType, outShape));
        out.setQuant(q);
        g.outputs().add(out);
        g.operators().add(new Operator(OpCode.builtin(builtin, version), opInputs, List.of(out), options));
        return TfliteWriter.toBytes(model);
    }

    /**
     * Finishes with the operator and one output per shape in {@code outShapes}, all of {@code outType} and {@code q}
     * (SPLIT_V, UNPACK); returns the .tflite bytes.
     */
    public byte[] build(int builtin, int version, Options options, DType outType, int[][] outShapes, QuantParams q) {
        List<Tensor> outs = new ArrayList<>();
        for (int i = 0; i < outShapes.length; i++) {
            Tensor out = g.add(new Tensor("out" + i, outType, outShapes[i]));
            out.setQuant(q);
            g.outputs().add(out);
            outs.add(out);
        }
        g.operators().add(new Operator(OpCode.builtin(builtin, version), opInputs, outs, options));
        return TfliteWriter.toBytes(model);
    }

    /** Little-endian int16 bytes. */
    public static byte[] shorts(int... v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    public static byte[] ints(int... v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }
}
