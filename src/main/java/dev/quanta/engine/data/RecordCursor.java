package dev.quanta.engine.data;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.util.QuantaException;
import java.io.InputStream;
import java.nio.ByteOrder;

/**
 * Reads fixed-size sample records of raw elements one at a time (the body of an IDX or {@code .npy}
 * array after its header), decoding each into doubles; a stream that ends before the declared count
 * is reported as truncated. Closing closes the stream and then {@code also} (a zip archive, or null).
 */
final class RecordCursor implements SampleArray.Cursor {
    private final InputStream in;
    private final AutoCloseable also;
    private final byte[] raw;
    private final DType dtype;
    private final ByteOrder order;
    private final long total;
    private final String source;
    private long read;

    /**
     * @param elements elements per sample record
     * @param total samples the header declares
     * @param source the file (and entry) name for messages
     */
    RecordCursor(InputStream in, int elements, DType dtype, ByteOrder order, long total, String source,
                 AutoCloseable also) {
        this.in = in;
        this.also = also;
        this.raw = new byte[Math.multiplyExact(elements, RawElements.width(dtype))];
        this.dtype = dtype;
        this.order = order;
        this.total = total;
        this.source = source;
    }

    @Override
    public boolean read(double[] dst) {
        if (read >= total) {
            return false;
        }
        if (!RawElements.readRecord(in, raw, source)) {
            throw new QuantaException(source + " is truncated: its header declares " + total
                    + " samples but it ends after " + read + ".");
        }
        RawElements.decode(raw, dtype, order, dst);
        read++;
        return true;
    }

    @Override
    public void close() {
        RawElements.closeQuietly(in);
        if (also != null) {
            RawElements.closeQuietly(also);
        }
    }
}
