package dev.quanta.engine.optimize.train;

import dev.quanta.engine.data.Dataset;
import dev.quanta.engine.data.Preprocessing;
import dev.quanta.engine.data.Sample;
import dev.quanta.engine.data.SampleSpec;
import dev.quanta.engine.data.SampleStream;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.QuantaException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Loading labelled image sets into memory for training. */
public final class TrainingSets {
    private TrainingSets() {
    }

    /**
     * A uint8 IDX image file and its uint8 IDX label file (gzipped or not), pixels scaled to [0, 1]
     * by dividing by 255, at most {@code limit} samples.
     */
    public static TrainingSet idx(Path images, Path labels, int limit) {
        byte[][] px = readUint8(images, limit);
        byte[][] lb = readUint8(labels, limit);
        if (px.length != lb.length) {
            throw new QuantaException(images + " holds " + px.length + " images but " + labels + " holds " + lb.length
                    + " labels.");
        }
        float[][] x = new float[px.length][];
        int[] y = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            x[i] = new float[px[i].length];
            for (int k = 0; k < x[i].length; k++) {
                x[i][k] = (px[i][k] & 0xFF) / 255f;
            }
            y[i] = lb[i][0] & 0xFF;
        }
        return new TrainingSet(x, y);
    }

    /**
     * Up to {@code samples} labeled samples of {@code d} (called {@code name} in messages), preprocessed
     * like evaluation ({@link Preprocessing#DEFAULT}: images scaled to [0, 1]), after skipping the first
     * {@code skip} (for example the ones variants are evaluated on). Streams the dataset once.
     */
    public static TrainingSet of(Dataset d, String name, long skip, int samples, Cancellation cancel) {
        if (!d.hasLabels()) {
            throw new QuantaException(name + " has no labels, so it cannot fine-tune a model.");
        }
        if (d.size() <= skip) {
            throw new QuantaException(name + " has only " + d.size() + " samples and the first "
                    + skip + " evaluate the variants, so none are left to fine-tune on.");
        }
        SampleSpec spec = d.inputs().get(0);
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        try (SampleStream stream = d.open()) {
            long index = 0;
            for (Sample s = stream.next(); s != null && x.size() < samples; s = stream.next(), index++) {
                if (index % 256 == 0) {
                    cancel.check();
                }
                if (index < skip) {
                    continue;
                }
                if (!s.hasLabel()) {
                    throw new QuantaException("Sample " + index + " of " + name
                            + " has no class label, so it cannot fine-tune a model.");
                }
                double[] v = Preprocessing.DEFAULT.apply(s.input(), spec, d.isImage());
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = (float) v[i];
                }
                x.add(f);
                y.add((int) s.label());
            }
        }
        return new TrainingSet(x.toArray(float[][]::new), y.stream().mapToInt(Integer::intValue).toArray());
    }

    private static byte[][] readUint8(Path path, int limit) {
        try (InputStream raw = open(path); DataInputStream in = new DataInputStream(raw)) {
            int magic = in.readInt();
            if ((magic >>> 8) != 0x08) {
                throw new QuantaException(path + " is not a uint8 IDX file (magic 0x" + Integer.toHexString(magic)
                        + ").");
            }
            int rank = magic & 0xFF;
            int count = in.readInt();
            int per = 1;
            for (int d = 1; d < rank; d++) {
                per *= in.readInt();
            }
            int n = Math.min(count, limit);
            byte[][] out = new byte[n][per];
            for (int i = 0; i < n; i++) {
                in.readFully(out[i]);
            }
            return out;
        } catch (IOException e) {
            throw new QuantaException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        return path.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : new java.io.BufferedInputStream(in);
    }
}
