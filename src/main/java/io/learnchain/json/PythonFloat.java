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
     * longer one is shown to be (or not) with a few cheap round-trip checks of its neighbours
     * before any exact arithmetic is done.
     */
    public static String reprOfLiteral(String literal) {
        double value = Double.parseDouble(literal);
        String special = special(value);
        if (special != null) {
            return special;
        }
        Decimal d = Decimal.of(literal);
        if (d == null || Math.abs(value) < Double.MIN_NORMAL) {
            return repr(value); // too many digits to use as a hint, or subnormal
        }
        if (d.digits.length() <= 15 || isShortestAndNearest(d, value)) {
            return format(value < 0, d.digits, d.pointPosition);
        }
        return repr(value);
    }

    /**
     * True when the literal's digits are what Python's repr would print: no decimal one digit
     * shorter reads back as {@code value} (its two shorter neighbours do not, and any other would
     * lie beyond them), and no other decimal of the same length does (its two neighbours do not).
     */
    private static boolean isShortestAndNearest(Decimal d, double value) {
        long digits = Long.parseLong(d.digits);
        int n = d.digits.length();
        long shorter = digits / 10;
        return !readsBack(shorter, n - 1, d.pointPosition, value)
                && !readsBack(shorter + 1, n - 1, d.pointPosition, value)
                && !readsBack(digits - 1, n, d.pointPosition, value)
                && !readsBack(digits + 1, n, d.pointPosition, value);
    }

    /** Whether 0.DIGITS x 10^pointPosition (DIGITS padded to {@code length}) parses to {@code value}. */
    private static boolean readsBack(long digits, int length, int pointPosition, double value) {
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
