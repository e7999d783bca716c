package io.learnchain.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}, which {@code json.dumps} uses for floats: the shortest decimal
 * that reads back as the same double (closest to it when several are that short), written as
 * {@code 5.0}, {@code 0.0001}, {@code 1e-05} or {@code 1e+16}.
 *
 * <p>Java 17's {@code Double.toString} is not always shortest (fixed only in Java 19), so the
 * digits are found here from the exact binary value.
 */
public final class PythonFloat {
    private static final int MAX_SIGNIFICANT_DIGITS = 17; // 17 digits always identify a double

    private PythonFloat() {
    }

    /**
     * @throws java.util.concurrent.CancellationException if the thread is interrupted: the exact
     *         search costs tens of microseconds, and a peer's block can hold a hundred thousand
     *         floats that need it, so work whose caller has gone (a resolve past its deadline) stops
     */
    public static String repr(double value) {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("interrupted: the result is no longer wanted");
        }
        String special = special(value);
        if (special != null) {
            return special;
        }
        BigDecimal shortest = shortestRoundTrip(Math.abs(value)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        return format(value < 0, digits, digits.length() - shortest.scale());
    }

    /**
     * Python's {@code repr(float(literal))} for a JSON number literal with a fraction or an
     * exponent. Same result as {@code repr(Double.parseDouble(literal))}, usually much faster: a
     * literal of 15 significant digits or fewer is already the shortest form of its double, and a
     * longer one is shown to be (or not) by checking its neighbours against the double's rounding
     * interval, before the exact search for the shortest digits is done.
     */
    public static String reprOfLiteral(String literal) {
        String same = alreadyRepr(literal);
        if (same != null) {
            return same;
        }
        double value = Double.parseDouble(literal);
        String special = special(value);
        if (special != null) {
            return special;
        }
        Decimal d = Decimal.of(literal);
        if (d == null || Math.abs(value) < Double.MIN_NORMAL) {
            return repr(value); // too many digits to use as a hint, or subnormal
        }
        if (d.digits.length() <= 15 || isShortestAndNearest(Long.parseLong(d.digits), d.digits.length(), d.pointPosition, value)) {
            return format(value < 0, d.digits, d.pointPosition);
        }
        return repr(value);
    }

    /**
     * The literal itself when it is already Python's repr of its value, shown without building
     * anything: written as repr lays it out (positional between 1e-4 and 1e16, no trailing zero
     * but the {@code .0} of a whole number), with 15 significant digits or fewer (then no other
     * decimal as short reads back as the same double), or 16-17 checked exactly against the
     * double's rounding interval. Null when it is not, or not cheaply shown: the general path decides.
     * Block timestamps and amounts from Python and from this node are all written this way.
     */
    private static String alreadyRepr(String literal) {
        int n = literal.length();
        int intStart = literal.charAt(0) == '-' ? 1 : 0;
        int i = intStart;
        while (i < n && isDigit(literal.charAt(i))) {
            i++;
        }
        int intEnd = i;
        if (i == intStart || i >= n || literal.charAt(i) != '.') {
            return null; // NaN, Infinity, or an exponent without a fraction
        }
        int fracStart = ++i;
        while (i < n && isDigit(literal.charAt(i))) {
            i++;
        }
        if (i != n || i == fracStart) {
            return null; // an exponent
        }
        boolean intZero = intEnd - intStart == 1 && literal.charAt(intStart) == '0';
        boolean wholeNumber = !intZero && n - fracStart == 1 && literal.charAt(fracStart) == '0'; // "100.0"
        if (literal.charAt(n - 1) == '0' && !wholeNumber) {
            return null; // a trailing zero repr would not print, or zero itself
        }
        // The significant digits, without leading zeros (JSON allows none before the point but
        // "0"), or the trailing zeros of a whole number; pointPosition as in 0.DIGITS x 10^p.
        long digits = 0;
        int count = 0;
        int pointPosition;
        if (intZero) {
            int first = fracStart;
            while (literal.charAt(first) == '0') {
                first++; // stops: the last digit is not 0
            }
            pointPosition = fracStart - first;
            if (pointPosition < -3) {
                return null; // below 1e-4 repr writes an exponent
            }
            for (int k = first; k < n; k++) {
                if (++count > 17) {
                    return null;
                }
                digits = digits * 10 + (literal.charAt(k) - '0');
            }
        } else {
            pointPosition = intEnd - intStart;
            if (pointPosition > 16) {
                return null; // from 1e16 repr writes an exponent
            }
            int end = wholeNumber ? intEnd : n;
            while (wholeNumber && literal.charAt(end - 1) == '0') {
                end--; // stops: JSON's integer part does not start with 0
            }
            for (int k = intStart; k < end; k++) {
                char c = literal.charAt(k);
                if (c == '.') {
                    continue;
                }
                if (++count > 17) {
                    return null;
                }
                digits = digits * 10 + (c - '0');
            }
        }
        if (count <= 15) {
            return literal;
        }
        return isShortestAndNearest(digits, count, pointPosition, Math.abs(Double.parseDouble(literal))) ? literal : null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Whether {@code c x 10^q} reads as {@code value} (positive, normal): 1 when it lies inside
     * the double's rounding interval (its ends too when the significand is even: ties to even),
     * 0 when not, -1 when the products do not fit in 128 bits here. Both sides are scaled to
     * integers: 4c x 5^|q| and the interval's ends, (4m -/+ 2) x 2^e (4m - 1 below a power of two).
     */
    static int readsBackExactly(long c, int q, double value) {
        long bits = Double.doubleToRawLongBits(value);
        int biased = (int) (bits >>> 52) & 0x7ff;
        if (biased == 0 || biased == 0x7ff || c <= 0 || c >= 1L << 60 || Math.abs(q) > 27) {
            return -1;
        }
        long m = (bits & ((1L << 52) - 1)) | (1L << 52);
        int e = biased - 1075;
        long five = 1;
        for (int k = 0; k < Math.abs(q); k++) {
            five *= 5; // 5^27 < 2^63
        }
        boolean gapBelowIsHalf = m == 1L << 52 && biased > 1; // a power of two above the smallest normals
        int below = compareScaled(c, five, q, gapBelowIsHalf ? 4 * m - 1 : 4 * m - 2, e);
        int above = compareScaled(c, five, q, 4 * m + 2, e);
        if (below == Integer.MIN_VALUE || above == Integer.MIN_VALUE) {
            return -1;
        }
        boolean even = (m & 1) == 0;
        boolean inside = (below > 0 || (below == 0 && even)) && (above < 0 || (above == 0 && even));
        return inside ? 1 : 0;
    }

    /**
     * The sign of {@code 4c x 10^q - k x 2^e}, where {@code five = 5^|q|}; Integer.MIN_VALUE
     * when a side would not fit in 127 bits.
     */
    private static int compareScaled(long c, long five, int q, long k, int e) {
        // 4c x 10^q = c x 5^q x 2^(q+2): for q < 0 the 5^-q moves to the other side.
        long[] left = q >= 0 ? multiply(c, five) : new long[] {0, c};
        long[] right = q >= 0 ? new long[] {0, k} : multiply(k, five);
        int shift = (q + 2) - e; // left x 2^(q+2) against right x 2^e
        long[] shifted = shift >= 0 ? shiftLeft(left, shift) : shiftLeft(right, -shift);
        if (shifted == null) {
            return Integer.MIN_VALUE;
        }
        return shift >= 0 ? compareUnsigned(shifted, right) : compareUnsigned(left, shifted);
    }

    /** The 128-bit product of two non-negative longs, as {high, low}. */
    private static long[] multiply(long a, long b) {
        return new long[] {Math.multiplyHigh(a, b), a * b};
    }

    /** {high, low} shifted left, or null if it would pass 127 bits. */
    private static long[] shiftLeft(long[] x, int shift) {
        int bitLength = x[0] != 0 ? 128 - Long.numberOfLeadingZeros(x[0]) : 64 - Long.numberOfLeadingZeros(x[1]);
        if (bitLength + shift > 127) {
            return null;
        }
        if (shift == 0) {
            return x;
        }
        if (shift >= 64) {
            return new long[] {x[1] << (shift - 64), 0};
        }
        return new long[] {(x[0] << shift) | (x[1] >>> (64 - shift)), x[1] << shift};
    }

    private static int compareUnsigned(long[] a, long[] b) {
        int high = Long.compareUnsigned(a[0], b[0]);
        return high != 0 ? high : Long.compareUnsigned(a[1], b[1]);
    }

    /**
     * True when DIGITS ({@code n} of them, {@code 0.DIGITS x 10^pointPosition}) are what Python's
     * repr would print for {@code value}: no decimal one digit shorter reads back as it (its two
     * shorter neighbours do not, and any other would lie beyond them), and no other decimal of
     * the same length does (its two neighbours do not).
     */
    private static boolean isShortestAndNearest(long digits, int n, int pointPosition, double value) {
        long shorter = digits / 10;
        return !readsBack(shorter, n - 1, pointPosition, value)
                && !readsBack(shorter + 1, n - 1, pointPosition, value)
                && !readsBack(digits - 1, n, pointPosition, value)
                && !readsBack(digits + 1, n, pointPosition, value);
    }

    /** Whether 0.DIGITS x 10^pointPosition (DIGITS padded to {@code length}) parses to {@code value}. */
    private static boolean readsBack(long digits, int length, int pointPosition, double value) {
        int exactly = readsBackExactly(digits, pointPosition - length, Math.abs(value));
        if (exactly >= 0) {
            return exactly == 1;
        }
        double parsed = Double.parseDouble(Math.abs(digits) + "E" + (pointPosition - length));
        return parsed == Math.abs(value);
    }

    /** A literal's significant digits (no leading or trailing zeros) and decimal point position. */
    private record Decimal(String digits, int pointPosition) {
        /** Null when the literal has more significant digits than a long can hold as a hint. */
        static Decimal of(String literal) {
            int exponentAt = Math.max(literal.indexOf('e'), literal.indexOf('E'));
            String mantissa = exponentAt < 0 ? literal : literal.substring(0, exponentAt);
            long exponent = exponentAt < 0 ? 0 : Long.parseLong(literal.substring(exponentAt + 1).replace("+", ""));
            if (mantissa.startsWith("-")) {
                mantissa = mantissa.substring(1);
            }
            int dot = mantissa.indexOf('.');
            String integer = dot < 0 ? mantissa : mantissa.substring(0, dot);
            String fraction = dot < 0 ? "" : mantissa.substring(dot + 1);
            String all = integer + fraction;
            int first = 0;
            while (first < all.length() && all.charAt(first) == '0') {
                first++;
            }
            int last = all.length();
            while (last > first && all.charAt(last - 1) == '0') {
                last--;
            }
            if (last - first > 17 || last == first) {
                return null;
            }
            long point = integer.length() - first + exponent;
            return new Decimal(all.substring(first, last), (int) point);
        }
    }

    private static String special(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        return null;
    }

    /** Python's layout for {@code 0.DIGITS x 10^pointPosition}: positional between 1e-4 and 1e16, else exponent. */
    private static String format(boolean negative, String digits, int pointPosition) {
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (negative) {
            out.append('-');
        }
        int exponent = pointPosition - 1; // value = D.IGITS x 10^exponent
        if (exponent < -4 || exponent >= 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            out.append(magnitude);
        } else if (pointPosition <= 0) {
            out.append("0.");
            out.append("0".repeat(-pointPosition));
            out.append(digits);
        } else if (pointPosition < digits.length()) {
            out.append(digits, 0, pointPosition).append('.').append(digits, pointPosition, digits.length());
        } else {
            out.append(digits).append("0".repeat(pointPosition - digits.length())).append(".0");
        }
        return out.toString();
    }

    /**
     * The shortest decimal that parses back to {@code value} (positive, finite). If some p-digit
     * decimal reads back as {@code value}, so does a (p+1)-digit one, so the shortest length is
     * found by binary search; at a given length only the two neighbours of the exact value can
     * qualify, and the nearer wins (ties to even), as in David Gay's algorithm that Python uses.
     */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        int low = 1;
        int high = MAX_SIGNIFICANT_DIGITS;
        BigDecimal best = null;
        while (low <= high) {
            int digits = (low + high) >>> 1;
            BigDecimal candidate = roundTrippingNeighbour(exact, value, digits);
            if (candidate != null) {
                best = candidate;
                high = digits - 1;
            } else {
                low = digits + 1;
            }
        }
        return best;
    }

    private static BigDecimal roundTrippingNeighbour(BigDecimal exact, double value, int digits) {
        BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == value) {
            return nearest;
        }
        // Just below a power of two the gap beneath is half the gap above, so the farther
        // neighbour may read back while the nearer one does not.
        RoundingMode other = nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR;
        BigDecimal farther = exact.round(new MathContext(digits, other));
        return farther.doubleValue() == value ? farther : null;
    }
}
