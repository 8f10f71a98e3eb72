package dev.quanta.app.viewmodel;

import dev.quanta.app.port.LayerRow;
import dev.quanta.app.port.WeightTensor;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Weights view: the selected layer's constant tensors (read in the background), the
 * chosen tensor and channel (or all channels), and what the charts show for them: histogram with the
 * int8 grid, min/max/mean/std and zeros, per-channel ranges, and a 2-D slice for the heatmap chosen
 * with row/column axes and fixed indices.
 */
public final class WeightsViewModel {
    /** Histogram bins. */
    public static final int BINS = 101;
    /** The {@link #channelProperty()} value for all channels. */
    public static final int ALL = -1;

    private final ObservableList<WeightTensor> tensors = FXCollections.observableArrayList();
    private final ObjectProperty<WeightTensor> tensor = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<WeightMath.Histogram> histogram = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<WeightMath.Grid> grid = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<WeightMath.Stats> stats = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<double[][]> channelRanges = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[][]> slice = new ReadOnlyObjectWrapper<>();
    /** The channel whose values the histogram and statistics show, or {@link #ALL} channels. */
    private final IntegerProperty channel = new SimpleIntegerProperty(ALL);
    private final IntegerProperty rowAxis = new SimpleIntegerProperty(0);
    private final IntegerProperty colAxis = new SimpleIntegerProperty(1);
    private final ObjectProperty<int[]> fixedIndices = new SimpleObjectProperty<>(new int[0]);
    private int channelAxis;
    private String op;
    private int generation;

    WeightsViewModel(ObjectProperty<VariantEntry> variant, ObjectProperty<LayerRow> layer, TaskRunner tasks) {
        layer.addListener((obs, old, row) -> load(variant.get(), row, tasks));
        tensor.addListener((obs, old, t) -> showTensor(t));
        channel.addListener((obs, old, c) -> updateScope());
        rowAxis.addListener((obs, old, a) -> updateSlice());
        colAxis.addListener((obs, old, a) -> updateSlice());
        fixedIndices.addListener((obs, old, f) -> updateSlice());
    }

    private void load(VariantEntry entry, LayerRow row, TaskRunner tasks) {
        int gen = ++generation;
        if (entry == null || row == null || !WeightLayers.hasWeights(row)) {
            tensors.clear();
            tensor.set(null);
            return;
        }
        tasks.query("Reading the weights of layer " + row.index(), () -> entry.model().weights(row.index()),
                list -> {
                    if (gen == generation) {
                        show(list, row.op());
                    }
                });
    }

    private void show(List<WeightTensor> list, String op) {
        tensors.setAll(list);
        WeightTensor first = list.isEmpty() ? null : list.get(0);
        this.op = op;
        tensor.set(null);
        tensor.set(first);
    }

    /**
     * The per-channel axis: the quantized dimension, else the axis int8 quantizes per channel
     * ({@link WeightMath#int8Axis}), else the last axis of depthwise kernels, else 0.
     */
    static int channelAxisOf(WeightTensor t, String op) {
        if (t.isQuantized() && t.scales().length > 1) {
            return t.quantizedDimension();
        }
        int axis = WeightMath.int8Axis(op, t);
        if (axis >= 0) {
            return axis;
        }
        if ("DEPTHWISE_CONV_2D".equals(op) && t.shape().length == 4) {
            return 3;
        }
        return 0;
    }

    private void showTensor(WeightTensor t) {
        if (t == null) {
            histogram.set(null);
            grid.set(null);
            stats.set(null);
            channelRanges.set(null);
            slice.set(null);
            return;
        }
        channelAxis = Math.min(channelAxisOf(t, op), Math.max(0, t.shape().length - 1));
        channelRanges.set(WeightMath.channelRange(t.values(), t.shape(), channelAxis));
        if (channel.get() == ALL) {
            updateScope();
        } else {
            channel.set(ALL);
        }
        int rank = t.shape().length;
        rowAxis.set(0);
        colAxis.set(defaultColumnAxis(t.shape()));
        fixedIndices.set(new int[rank]);
        updateSlice();
    }

    /** The last axis after the first with more than one element (so a (8,3,3,1) kernel shows 8 x 3). */
    static int defaultColumnAxis(int[] shape) {
        for (int a = shape.length - 1; a > 0; a--) {
            if (shape[a] > 1) {
                return a;
            }
        }
        return shape.length > 1 ? shape.length - 1 : 0;
    }

    /** Histogram, grid and statistics of the chosen channel (or all). */
    private void updateScope() {
        WeightTensor t = tensor.get();
        if (t == null) {
            return;
        }
        int c = channel.get();
        float[] values = c == ALL || c >= channelCount() ? t.values()
                : WeightMath.channelValues(t.values(), t.shape(), channelAxis, c);
        histogram.set(WeightMath.histogram(values, BINS));
        stats.set(WeightMath.stats(values));
        grid.set(WeightMath.grid(t, op, c >= channelCount() ? ALL : c));
    }

    /** Channels along {@link #channelAxis()} of the chosen tensor (1 for scalars, 0 with no tensor). */
    public int channelCount() {
        WeightTensor t = tensor.get();
        return t == null ? 0 : t.shape().length == 0 ? 1 : t.shape()[channelAxis];
    }

    private void updateSlice() {
        WeightTensor t = tensor.get();
        if (t == null) {
            slice.set(null);
            return;
        }
        int rank = t.shape().length;
        int r = rowAxis.get();
        int c = colAxis.get();
        if (rank > 1 && (r == c || r >= rank || c >= rank)) {
            return;
        }
        int[] fixed = fixedIndices.get();
        if (fixed.length != rank) {
            fixed = new int[rank];
        }
        slice.set(WeightMath.slice(t.values(), t.shape(), r, c, fixed));
    }

    /** Sets the fixed index of one axis that is neither the row nor the column axis. */
    public void setFixedIndex(int axis, int index) {
        int[] f = fixedIndices.get().clone();
        if (axis < f.length) {
            f[axis] = index;
            fixedIndices.set(f);
        }
    }

    public ObservableList<WeightTensor> tensors() {
        return tensors;
    }

    public ObjectProperty<WeightTensor> tensorProperty() {
        return tensor;
    }

    public ReadOnlyObjectProperty<WeightMath.Histogram> histogramProperty() {
        return histogram.getReadOnlyProperty();
    }

    /** Min, max, mean, std and zeros of the values shown (the chosen channel, or all). */
    public ReadOnlyObjectProperty<WeightMath.Stats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** The grid to overlay, or {@code null} when there is none to show. */
    public ReadOnlyObjectProperty<WeightMath.Grid> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** [channel] = {min, max} along {@link #channelAxis()}. */
    public ReadOnlyObjectProperty<double[][]> channelRangesProperty() {
        return channelRanges.getReadOnlyProperty();
    }

    public int channelAxis() {
        return channelAxis;
    }

    public ReadOnlyObjectProperty<float[][]> sliceProperty() {
        return slice.getReadOnlyProperty();
    }

    /** The channel (along {@link #channelAxis()}) the histogram, grid and statistics show, or {@link #ALL}. */
    public IntegerProperty channelProperty() {
        return channel;
    }

    public IntegerProperty rowAxisProperty() {
        return rowAxis;
    }

    public IntegerProperty colAxisProperty() {
        return colAxis;
    }

    public ObjectProperty<int[]> fixedIndicesProperty() {
        return fixedIndices;
    }
}
