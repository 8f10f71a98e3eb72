package dev.quanta.engine.kernels;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.engine.graph.Shapes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor as the interpreter runs it: type, current shape, quantization and its storage, an array of
 * the tensor's {@link Storage} kind plus an element offset. Constants own their array; activations
 * are bound into a shared arena once planning is done; dynamic tensors get their own array at eval.
 *
 * <p>Kernels read storage in {@code eval} only (e.g. {@code float[] x = in.floats(); int o = in.offset();})
 * and index {@code x[o + i]} for element {@code i} in row-major order.
 */
public final class TensorSlot {
    private final String name;
    private final DType type;
    private final int typeCode;
    private final QuantParams quant;
    private final Storage storage;
    private final boolean constant;
    private int[] shape;
    private int size;
    private boolean dynamic;
    private Object array;
    private int offset;

    /** A non-constant tensor (activation, input, scratch) of the given shape. */
    public TensorSlot(String name, DType type, int[] shape, QuantParams quant) {
        this(name, type, type == null ? -1 : type.code(), shape, quant, false);
    }

    private TensorSlot(String name, DType type, int typeCode, int[] shape, QuantParams quant, boolean constant) {
        this.name = name;
        this.type = type;
        this.typeCode = typeCode;
        this.quant = quant;
        this.storage = type == null ? Storage.BYTE : Storage.of(type);
        this.constant = constant;
        this.shape = shape == null ? new int[0] : shape.clone();
        this.size = Shapes.size(this.shape);
    }

    /**
     * A constant decoded from little-endian bytes. Types whose elements are not whole storage
     * elements (INT4, STRING...) keep their raw bytes.
     */
    public static TensorSlot constant(String name, DType type, int typeCode, int[] shape, QuantParams quant,
                                      ByteBuffer bytes) {
        TensorSlot t = new TensorSlot(name, type, typeCode, shape, quant, true);
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (type == null || !Storage.isElementwise(type)) {
            byte[] raw = new byte[b.remaining()];
            b.get(raw);
            t.array = raw;
            return t;
        }
        int n = Math.min(t.size, b.remaining() / t.storage.bytes);
        switch (t.storage) {
            case FLOAT -> { float[] a = new float[t.size]; b.asFloatBuffer().get(a, 0, n); t.array = a; }
            case BYTE -> { byte[] a = new byte[t.size]; b.get(a, 0, n); t.array = a; }
            case SHORT -> { short[] a = new short[t.size]; b.asShortBuffer().get(a, 0, n); t.array = a; }
            case INT -> { int[] a = new int[t.size]; b.asIntBuffer().get(a, 0, n); t.array = a; }
            case LONG -> { long[] a = new long[t.size]; b.asLongBuffer().get(a, 0, n); t.array = a; }
            case DOUBLE -> { double[] a = new double[t.size]; b.asDoubleBuffer().get(a, 0, n); t.array = a; }
            default -> throw new IllegalStateException();
        }
        return t;
    }

    /**
     * A constant holding the values {@code computed} has now (its array is taken over, not copied):
     * how the interpreter keeps the output of an operator whose inputs are all constant, computed once.
     */
    public static TensorSlot constantOf(TensorSlot computed) {
        TensorSlot t = new TensorSlot(computed.name, computed.type, computed.typeCode, computed.shape, computed.quant,
                true);
        Object a = computed.array;
        if (computed.offset != 0 || computed.capacity() != computed.size) {
            a = computed.storage.allocate(computed.size);
            System.arraycopy(computed.array, computed.offset, a, 0, computed.size);
        }
        t.array = a;
        return t;
    }

    public String name() {
        return name;
    }

    /** The element type, or {@code null} for a type code this build does not know. */
    public DType type() {
        return type;
    }

    public int typeCode() {
        return typeCode;
    }

    public QuantParams quant() {
        return quant;
    }

    public Storage storage() {
        return storage;
    }

    public boolean isConstant() {
        return constant;
    }

    /** True when the shape is known only at eval, so storage is allocated then (outside the arena). */
    public boolean isDynamic() {
        return dynamic;
    }

    /** Marks this output as dynamic: its kernel calls {@link #resize} during eval. Prepare-time only. */
    public void markDynamic() {
        this.dynamic = true;
    }

    /** The current shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i}; negative counts from the end. */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /**
     * Sets the shape. At prepare time this is how kernels publish output shapes. At eval time only a
     * dynamic tensor may be resized; it then gets a fresh array when the old one is too small.
     */
    public void resize(int[] newShape) {
        int n = Shapes.size(newShape);
        if (constant) {
            throw new IllegalStateException("constant " + name + " cannot be resized");
        }
        this.shape = newShape.clone();
        this.size = n;
        if (dynamic && array != null && capacity() < n) {
            array = null;
        }
        if (dynamic && array == null) {
            array = storage.allocate(Math.max(n, 1));
            offset = 0;
        }
    }

    /** Binds storage (the interpreter does this after planning). */
    public void bind(Object storageArray, int elementOffset) {
        this.array = storageArray;
        this.offset = elementOffset;
    }

    /** True when storage is bound. */
    public boolean isBound() {
        return array != null;
    }

    public int offset() {
        return offset;
    }

    public float[] floats() {
        return (float[]) array;
    }

    public byte[] bytes() {
        return (byte[]) array;
    }

    public short[] shorts() {
        return (short[]) array;
    }

    public int[] ints() {
        return (int[]) array;
    }

    public long[] longs() {
        return (long[]) array;
    }

    /** The storage array, whatever its kind. */
    public Object array() {
        return array;
    }

    private int capacity() {
        return java.lang.reflect.Array.getLength(array) - offset;
    }

    /** Element {@code i} widened to a long (integer storages; bytes of UINT8/BOOL unsigned). */
    public long longAt(int i) {
        return switch (storage) {
            case BYTE -> type == DType.UINT8 || type == DType.BOOL ? bytes()[offset + i] & 0xff : bytes()[offset + i];
            case SHORT -> type == DType.UINT16 ? shorts()[offset + i] & 0xffff : shorts()[offset + i];
            case INT -> ints()[offset + i];
            case LONG -> longs()[offset + i];
            case FLOAT -> (long) floats()[offset + i];
            case DOUBLE -> (long) ((double[]) array)[offset + i];
        };
    }

    /** The values of a small integer tensor (shape operands, axes) as ints. */
    public int[] toIntArray() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = Math.toIntExact(longAt(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return "'" + name + "' " + (type == null ? "type" + typeCode : type) + Arrays.toString(shape);
    }
}
