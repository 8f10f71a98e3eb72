package dev.quanta.engine.data;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.util.QuantaException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A .npy array, or one array of a .npz archive, streamed sample by sample (the first axis is the
 * sample axis; a 1-D array has scalar samples).
 */
public final class NpyFile implements SampleArray {
    private final Path path;
    private final String entry;
    private final Npy.Header header;

    private NpyFile(Path path, String entry, Npy.Header header) {
        this.path = path;
        this.entry = entry;
        this.header = header;
        if (header.shape().length == 0) {
            throw new QuantaException(source() + " holds a scalar; a dataset array needs a first (sample) axis.");
        }
    }

    /** A .npy file. */
    public static NpyFile open(Path npy) {
        try (InputStream in = RawElements.open(npy)) {
            return new NpyFile(npy, null, Npy.readHeader(in, npy.toString()));
        } catch (IOException e) {
            throw new QuantaException("Cannot read " + npy + ": " + e.getMessage(), e);
        }
    }

    /** Every array of a .npz archive, in archive order. */
    public static List<NpyFile> openAll(Path npz) {
        if (!Files.isRegularFile(npz)) {
            throw new QuantaException("Dataset file " + npz + " does not exist.");
        }
        List<NpyFile> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                String source = npz + "[" + arrayName(e.getName()) + "]";
                try (InputStream in = zip.getInputStream(e)) {
                    out.add(new NpyFile(npz, e.getName(), Npy.readHeader(in, source)));
                }
            }
        } catch (IOException e) {
            throw new QuantaException(npz + " is not a readable .npz archive: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new QuantaException(npz + " holds no .npy arrays.");
        }
        return out;
    }

    private static String arrayName(String entryName) {
        return entryName.substring(0, entryName.length() - ".npy".length());
    }

    /** The array's name: the .npz key, or the file name without extension. */
    public String name() {
        if (entry != null) {
            return arrayName(entry);
        }
        String f = path.getFileName().toString();
        return f.endsWith(".npy") ? f.substring(0, f.length() - 4) : f;
    }

    @Override
    public String source() {
        return entry == null ? path.toString() : path + "[" + arrayName(entry) + "]";
    }

    @Override
    public int[] sampleShape() {
        return Arrays.copyOfRange(header.shape(), 1, header.shape().length);
    }

    @Override
    public DType dtype() {
        return header.dtype();
    }

    @Override
    public long count() {
        return header.shape()[0];
    }

    @Override
    public Cursor open() {
        ZipFile zip = null;
        InputStream in;
        try {
            if (entry == null) {
                in = RawElements.open(path);
            } else {
                zip = new ZipFile(path.toFile());
                in = new BufferedInputStream(zip.getInputStream(zip.getEntry(entry)), 1 << 16);
            }
            Npy.readHeader(in, source());
        } catch (IOException e) {
            if (zip != null) {
                RawElements.closeQuietly(zip);
            }
            throw new QuantaException("Cannot read " + source() + ": " + e.getMessage(), e);
        }
        int elements = 1;
        for (int d : sampleShape()) {
            elements = Math.multiplyExact(elements, d);
        }
        return new RecordCursor(in, elements, header.dtype(), header.order(), count(), source(), zip);
    }
}
