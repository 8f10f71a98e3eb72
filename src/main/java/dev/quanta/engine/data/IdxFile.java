package dev.quanta.engine.data;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.util.QuantaException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An IDX file (the MNIST format), gzipped or not: magic {@code 00 00 TT NN}, then NN big-endian
 * int32 dimensions, then big-endian elements. Type TT: 08 uint8, 09 int8, 0B int16, 0C int32,
 * 0D float32, 0E float64. The first dimension counts samples.
 */
public final class IdxFile implements SampleArray {
    private final Path path;
    private final DType dtype;
    private final int[] dims;

    private IdxFile(Path path, DType dtype, int[] dims) {
        this.path = path;
        this.dtype = dtype;
        this.dims = dims;
    }

    /** Reads the header of {@code path}; throws {@link QuantaException} if it is not an IDX file. */
    public static IdxFile open(Path path) {
        try (InputStream raw = RawElements.open(path); DataInputStream in = new DataInputStream(raw)) {
            int magic;
            try {
                magic = in.readInt();
            } catch (IOException e) {
                throw new QuantaException(path + " is not an IDX file: it is shorter than the 4-byte magic.");
            }
            if ((magic >>> 16) != 0) {
                throw new QuantaException(path + " is not an IDX file: magic 0x" + Integer.toHexString(magic)
                        + " does not start with two zero bytes.");
            }
            DType type = switch ((magic >>> 8) & 0xFF) {
                case 0x08 -> DType.UINT8;
                case 0x09 -> DType.INT8;
                case 0x0B -> DType.INT16;
                case 0x0C -> DType.INT32;
                case 0x0D -> DType.FLOAT32;
                case 0x0E -> DType.FLOAT64;
                default -> throw new QuantaException(path + " is not an IDX file: unknown element type 0x"
                        + Integer.toHexString((magic >>> 8) & 0xFF) + ".");
            };
            int rank = magic & 0xFF;
            if (rank < 1) {
                throw new QuantaException(path + " is an IDX file with no dimensions.");
            }
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) {
                    throw new QuantaException(path + " has a negative IDX dimension " + dims[i] + ".");
                }
            }
            return new IdxFile(path, type, dims);
        } catch (IOException e) {
            throw new QuantaException(path + " is not an IDX file: its header is truncated.", e);
        }
    }

    @Override
    public String source() {
        return path.toString();
    }

    public Path path() {
        return path;
    }

    @Override
    public int[] sampleShape() {
        return Arrays.copyOfRange(dims, 1, dims.length);
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long count() {
        return dims[0];
    }

    @Override
    public Cursor open() {
        InputStream in = RawElements.open(path);
        RawElements.skip(in, 4L + 4L * dims.length, source());
        int elements = 1;
        for (int i = 1; i < dims.length; i++) {
            elements = Math.multiplyExact(elements, dims[i]);
        }
        return new RecordCursor(in, elements, dtype, ByteOrder.BIG_ENDIAN, count(), source(), null);
    }
}
