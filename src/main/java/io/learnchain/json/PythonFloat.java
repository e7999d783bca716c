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

    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(Math.abs(value)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int pointPosition = digits.length() - shortest.scale(); // value = 0.DIGITS x 10^pointPosition
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (value < 0) {
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
