package dev.quanta.engine.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.quanta.engine.util.QuantaException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code CONVERSION_METADATA} entry TF's converter adds: a nested flatbuffer of
 * {@code conversion_metadata.fbs} (root {@code ConversionMetadata{environment, options}}, no file
 * identifier). Quanta writes the optimization modes it applied and no TensorFlow version (it is not
 * TensorFlow); reading returns the modes of any converter's entry.
 */
public final class ConversionMetadataCodec {
    /** The metadata name. */
    public static final String KEY = "CONVERSION_METADATA";

    private ConversionMetadataCodec() {
    }

    /** Encodes a ConversionMetadata with an empty Environment and {@code modes} as model_optimization_modes. */
    public static byte[] encode(List<Integer> modes) {
        FlatBufferBuilder b = new FlatBufferBuilder(64);
        b.startVector(4, modes.size(), 4);
        for (int i = modes.size() - 1; i >= 0; i--) {
            b.addInt(modes.get(i));
        }
        int modesVec = b.endVector();
        b.startTable(5);
        b.addOffset(0, modesVec, 0);
        int options = b.endTable();
        b.startTable(4);
        int env = b.endTable();
        b.startTable(2);
        b.addOffset(0, env, 0);
        b.addOffset(1, options, 0);
        int root = b.endTable();
        b.finish(root);
        return b.sizedByteArray();
    }

    /**
     * The model_optimization_modes of an encoded ConversionMetadata (empty when absent).
     *
     * @throws QuantaException when the bytes are not a well-formed ConversionMetadata (every offset
     *     is bounds-checked, so malformed metadata never reads outside the array)
     */
    public static List<Integer> modes(byte[] data) {
        try {
            return decodeModes(data);
        } catch (IndexOutOfBoundsException e) {
            throw new QuantaException("Malformed " + KEY + " metadata (" + data.length + " bytes): an offset points "
                    + "outside the entry");
        }
    }

    private static List<Integer> decodeModes(byte[] data) {
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int root = bb.getInt(0);
        int options = field(bb, root, 1);
        List<Integer> out = new ArrayList<>();
        if (options == 0) {
            return out;
        }
        int vec = field(bb, options, 0);
        if (vec == 0) {
            return out;
        }
        int n = bb.getInt(vec);
        if (n < 0 || n > (data.length - vec - 4) / 4) {
            throw new QuantaException("Malformed " + KEY + " metadata: " + n + " optimization modes do not fit in "
                    + data.length + " bytes");
        }
        for (int i = 0; i < n; i++) {
            out.add(bb.getInt(vec + 4 + 4 * i));
        }
        return out;
    }

    /** Absolute position of the table/vector an offset field points to, or 0 when absent. */
    private static int field(ByteBuffer bb, int table, int slot) {
        int vtable = table - bb.getInt(table);
        int vtableSize = bb.getShort(vtable) & 0xffff;
        int entry = 4 + 2 * slot;
        if (entry >= vtableSize) {
            return 0;
        }
        int off = bb.getShort(vtable + entry) & 0xffff;
        if (off == 0) {
            return 0;
        }
        int at = table + off;
        return at + bb.getInt(at);
    }
}
