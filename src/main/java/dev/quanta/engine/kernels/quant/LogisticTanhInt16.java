package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * LOGISTIC and TANH on int16 (16x8 mode) as TFLite 2.6.2 runs them for a general input scale
 * ({@code reference_integer_ops::Logistic}/{@code Tanh}): zero points 0, output scale 2^-15.
 *
 * <p>Prepare rescales the input to 1 / (3 * 4096) per step: {@code m = s_in * 4096 * 3} (double) is doubled
 * while {@code m <= 32767 / 2} (at most 31 times), counting the doublings in {@code shift}, and truncated
 * to an int. Eval computes {@code v = (q * m + round) >> shift} ({@code round = 2^(shift-1)}), then
 * interpolates linearly in {@link #SIGMOID_Q16}, the 256-entry table of sigmoid(i / 24) in Q0.16 that
 * TFLite ships (its values are TFLite's, not recomputable by rounding: 44 entries differ from
 * {@code round(65536 sigmoid(i/24))}):
 *
 * <ul>
 *   <li>LOGISTIC: {@code u = |v| >> 9}, fraction {@code |v| & 0x1ff}, {@code r = (t[u] << 9) + f (t[u+1] - t[u])}
 *       (saturating at {@code 0x7fff << 10} from {@code u >= 255}); {@code r + 2^9} for {@code v >= 0}, else
 *       {@code 2^25 - r + 2^9 - 1}; the output is {@code r >> 10} (unsigned).</li>
 *   <li>TANH ({@code tanh(x) = 2 sigmoid(2x) - 1}): {@code u = |v| >> 8}, 8-bit fraction, saturating at
 *       {@code 0xffff << 8}; {@code r - 2^23 + 2^7} for {@code v >= 0}, else {@code -r + 2^23 + 2^7 - 1}; the
 *       output is {@code r >> 8} (arithmetic).</li>
 * </ul>
 *
 * <p>Input scales that are powers of two (within TFLite's {@code CheckedLog2} tolerance) with
 * {@code 12 + log2(s_in)} equal to 0 (or 1, for TANH: 2^-11, doubled with saturation) are read as Q3.12 and go
 * through gemmlowp's fixed-point {@code logistic}/{@code tanh} ({@link FixedPoint16}), as TFLite's optimized
 * kernels do for them.
 */
public final class LogisticTanhInt16 implements Kernel {
    /** sigmoid(i / 24) in Q0.16, i = 0..255, as TFLite's {@code sigmoid_table_uint16}. */
    static final int[] SIGMOID_Q16 = {
        32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794, 41432, 42064, 42688,
        43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409,
        51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
        57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110,
        61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186,
        63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
        64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900,
        64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208,
        65221, 65234, 65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
        65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449,
        65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
        65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
        65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
        65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530,
        65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
        65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535
    };

    private final boolean logistic;

    /** @param logistic true for LOGISTIC, false for TANH */
    public LogisticTanhInt16(boolean logistic) {
        this.logistic = logistic;
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT16);
        Quant.requireType(out, "output", DType.INT16);
        KernelException.require(Quant.zeroPoint(in) == 0 && Quant.zeroPoint(out) == 0,
                "int16 LOGISTIC/TANH need zero points 0");
        Integer outLog2 = checkedLog2(Quant.scale(out));
        KernelException.require(outLog2 != null && outLog2 == -15, "int16 LOGISTIC/TANH need output scale 2^-15");
        float sIn = Quant.scale(in);
        Integer inLog2 = checkedLog2(sIn);
        int potShift = inLog2 == null ? -1 : 12 + inLog2;
        if (potShift == 0 || (!logistic && potShift == 1)) {
            out.resize(in.shape());
            return par -> {
                short[] x = in.shorts();
                short[] y = out.shorts();
                for (int i = 0; i < in.size(); i++) {
                    short v = FixedPoint16.pot(x[in.offset() + i], potShift);
                    y[out.offset() + i] = logistic ? FixedPoint16.logistic(v) : FixedPoint16.tanh(v);
                }
            };
        }
        double m = sIn * 4096.0 * 3.0;
        int shift = 0;
        while (m <= 32767.0 / 2.0 && shift <= 30) {
            shift++;
            m *= 2.0;
        }
        int multiplier = (int) m;
        int leftShift = shift;
        out.resize(in.shape());
        return par -> {
            short[] x = in.shorts();
            short[] y = out.shorts();
            int xo = in.offset();
            int yo = out.offset();
            for (int i = 0; i < in.size(); i++) {
                y[yo + i] = logistic ? logistic(x[xo + i], multiplier, leftShift) : tanh(x[xo + i], multiplier, leftShift);
            }
        };
    }

    /** The input on the table's scale: {@code (q * m + 2^(shift-1)) >> shift}. */
    static int rescale(short q, int multiplier, int shift) {
        int round = shift > 0 ? 1 << (shift - 1) : 0;
        return (q * multiplier + round) >> shift;
    }

    static short logistic(short q, int multiplier, int shift) {
        int v = rescale(q, multiplier, shift);
        int abs = Math.abs(v);
        int u = abs >>> 9;
        long r;
        if (u >= 255) {
            r = 0x7fffL << 10;
        } else {
            long a = SIGMOID_Q16[u];
            long b = SIGMOID_Q16[u + 1];
            r = ((a << 9) + (abs & 0x1ff) * (b - a)) & 0xffffffffL; // uint32 arithmetic
        }
        r = v >= 0 ? r + (1 << 9) : ((1L << 25) - r + (1 << 9) - 1) & 0xffffffffL;
        return (short) (r >>> 10);
    }

    static short tanh(short q, int multiplier, int shift) {
        int v = rescale(q, multiplier, shift);
        int abs = Math.abs(v);
        int u = abs >>> 8;
        int r;
        if (u >= 255) {
            r = 0xffff << 8;
        } else {
            int a = SIGMOID_Q16[u];
            int b = SIGMOID_Q16[u + 1];
            r = (a << 8) + (abs & 0xff) * (b - a);
        }
        r = v >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
        return (short) (r >> 8);
    }

    /**
     * TFLite's {@code CheckedLog2}: the rounded log2 of {@code x} when it is a power of two within 1e-3 in
     * the exponent (computed in float), else {@code null}.
     */
    static Integer checkedLog2(float x) {
        float log2 = (float) Math.log(x) * (1.0f / (float) Math.log(2.0f));
        float rounded = dev.quanta.engine.quant.Rounding.roundHalfAway(log2);
        return Math.abs(log2 - rounded) < 1e-3f ? (int) rounded : null;
    }
}
