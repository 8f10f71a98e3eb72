package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.quant.FixedPoint;

/**
 * gemmlowp's 16-bit fixed-point {@code tanh} and {@code logistic} (Q0.15 results), which TFLite 2.6.2's
 * optimized int16 TANH/LOGISTIC kernels run when the input scale is a power of two (input in Q3.12).
 * Values are raw int16; a value "in Qm" has m integer bits and 15 - m fractional bits. Additions and
 * negations wrap in 16 bits, products are {@code SaturatingRoundingDoublingHighMul} (their integer bits
 * add up), and constants are gemmlowp's 32-bit ones rounded to 16 bits.
 */
final class FixedPoint16 {
    /** 1.0 in Q0 (the largest Q0.15 value). */
    static final short ONE_Q0 = Short.MAX_VALUE;

    private FixedPoint16() {
    }

    static short mul(short a, short b) {
        return FixedPoint.saturatingRoundingDoublingHighMul(a, b);
    }

    static short add(int a, int b) {
        return (short) (a + b);
    }

    /** {@code x * 2^exponent}: saturating for a positive exponent, rounding for a negative one. */
    static short pot(short x, int exponent) {
        return FixedPoint.saturatingRoundingMultiplyByPOT(x, exponent);
    }

    /** A gemmlowp constant given as a 32-bit raw value, rounded to 16 bits. */
    static short constant(int raw32) {
        return (short) FixedPoint.roundingDivideByPOT(raw32, 16);
    }

    static short roundingHalfSum(short a, short b) {
        int sum = a + b;
        return (short) ((sum + (sum >= 0 ? 1 : -1)) / 2);
    }

    static short saturatingAdd(short a, short b) {
        return (short) Math.min(Math.max(a + b, Short.MIN_VALUE), Short.MAX_VALUE);
    }

    /** exp(a) for a in [-1/4, 0), Q0 in and out: Taylor expansion around -1/8. */
    static short expOnIntervalBetweenNegativeOneQuarterAnd0Excl(short a) {
        short constantTerm = constant(1895147668); // exp(-1/8)
        short oneThird = constant(715827883);
        short x = add(a, 1 << 12); // a + 1/8
        short x2 = mul(x, x);
        short x3 = mul(x2, x);
        short x4 = mul(x2, x2);
        short x4Over4 = pot(x4, -2);
        short poly = pot(add(mul(add(x4Over4, x3), oneThird), x2), -1);
        return saturatingAdd(constantTerm, mul(constantTerm, add(x, poly)));
    }

    private static final int[][] BARREL = {{-2, 1672461947}, {-1, 1302514674}, {0, 790015084}, {1, 290630308},
        {2, 39332535}, {3, 720401}, {4, 242}};

    /** exp(a) for a &lt;= 0 in Q{@code integerBits}; the result is Q0. */
    static short expOnNegativeValues(short a, int integerBits) {
        int fractionalBits = 15 - integerBits;
        int oneQuarter = 1 << (fractionalBits - 2);
        short aModQuarterMinusQuarter = add(a & (oneQuarter - 1), -oneQuarter);
        short result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(pot(aModQuarterMinusQuarter, integerBits));
        short remainder = add(aModQuarterMinusQuarter, -a);
        for (int[] step : BARREL) {
            int exponent = step[0];
            if (integerBits > exponent && (remainder & (1 << (fractionalBits + exponent))) != 0) {
                result = mul(result, constant(step[1])); // exp(-2^exponent)
            }
        }
        return a == 0 ? ONE_Q0 : result;
    }

    /** The Newton-Raphson reciprocal of (1 + a) / 2 in Q2, for a in (0, 1). */
    private static short reciprocalOfHalfDenominator(short halfDenominator) {
        short x = add(constant(1515870810), mul(halfDenominator, constant(-1010580540))); // 48/17 - 32/17 d
        short oneQ2 = 1 << 13;
        for (int i = 0; i < 3; i++) {
            short oneMinus = add(oneQ2, -mul(halfDenominator, x));
            x = add(x, pot(mul(x, oneMinus), 2));
        }
        return x;
    }

    /** (1 - a) / (1 + a) for a in (0, 1), Q0. */
    static short oneMinusXOverOnePlusX(short a) {
        short x = reciprocalOfHalfDenominator(roundingHalfSum(a, ONE_Q0));
        return pot(add(x, -(1 << 13)), 2);
    }

    /** 1 / (1 + a) for a in (0, 1), Q0. */
    static short oneOverOnePlusX(short a) {
        short x = reciprocalOfHalfDenominator(roundingHalfSum(a, ONE_Q0));
        return pot(x, 1);
    }

    /** tanh of a Q3 value, Q0. */
    static short tanh(short a) {
        if (a == 0) {
            return 0;
        }
        short n = a < 0 ? a : (short) -a;
        short t = oneMinusXOverOnePlusX(expOnNegativeValues(n, 4)); // -tanh(n) = tanh(|a|); 2n is n in Q4
        return a < 0 ? (short) -t : t;
    }

    /** logistic of a Q3 value, Q0. */
    static short logistic(short a) {
        if (a == 0) {
            return constant(1 << 30);
        }
        short abs = a > 0 ? a : (short) -a;
        short positive = oneOverOnePlusX(expOnNegativeValues((short) -abs, 3));
        return a > 0 ? positive : add(ONE_Q0, -positive);
    }
}
