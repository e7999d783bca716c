package io.learnchain.json;

import java.math.BigInteger;

/**
 * A JSON number kept as its literal text, typed as Python's {@code json.loads} types it: a literal
 * with a fraction or an exponent is a float (an IEEE double), any other is an integer of any size.
 *
 * <p>{@link #literal()} is what was received and is what the node serves back; {@link #canonical()}
 * is what Python's {@code json.dumps} would write for the value, which is what gets hashed.
 */
public final class JsonNumber implements Json {
    private final String literal;
    private final boolean integer;
    private String canonical; // computed once; benign race, the value is deterministic

    private JsonNumber(String literal, boolean integer) {
        this.literal = literal;
        this.integer = integer;
    }

    /**
     * A number from its JSON literal.
     *
     * @throws IllegalArgumentException if {@code literal} is not a JSON number
     */
    public static JsonNumber parse(String literal) {
        if (!isJsonNumber(literal)) {
            throw new IllegalArgumentException("not a JSON number: " + literal);
        }
        return ofValidLiteral(literal);
    }

    /** For literals the reader has already checked against the JSON grammar. */
    static JsonNumber ofValidLiteral(String literal) {
        boolean integer = true;
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                integer = false;
                break;
            }
        }
        return new JsonNumber(literal, integer);
    }

    /** {@code NaN}, {@code Infinity} or {@code -Infinity}, as Python's json module writes them: floats. */
    static JsonNumber nonFinite(String literal) {
        return new JsonNumber(literal, false);
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value), true);
    }

    public static JsonNumber of(BigInteger value) {
        return new JsonNumber(value.toString(), true);
    }

    /** A float written as Python writes it, so that the literal is already canonical. */
    public static JsonNumber ofDouble(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no literal for " + value);
        }
        String repr = PythonFloat.repr(value);
        JsonNumber number = new JsonNumber(repr, false);
        number.canonical = repr;
        return number;
    }

    public String literal() {
        return literal;
    }

    /** True for an integer literal (no fraction, no exponent), as Python's {@code int}. */
    public boolean isInteger() {
        return integer;
    }

    public BigInteger bigInteger() {
        if (!integer) {
            throw new IllegalStateException(literal + " is not an integer");
        }
        return new BigInteger(literal);
    }

    /** The value as a double (Python's {@code float(...)} of the value); may be infinite for huge literals. */
    public double doubleValue() {
        return Double.parseDouble(literal);
    }

    /** True when the value is greater than zero (an integer of any size, or a float that parses above 0.0). */
    public boolean isPositive() {
        return integer ? literal.charAt(0) != '-' && !isZeroInteger() : doubleValue() > 0;
    }

    private boolean isZeroInteger() {
        return literal.equals("0") || literal.equals("-0");
    }

    /** What Python's {@code json.dumps} writes for this number after {@code json.loads} read it. */
    public String canonical() {
        String c = canonical;
        if (c == null) {
            if (integer) {
                c = literal.equals("-0") ? "0" : literal; // JSON forbids leading zeros, so only -0 differs
            } else {
                c = PythonFloat.reprOfLiteral(literal);
            }
            canonical = c;
        }
        return c;
    }

    @Override
    public String typeName() {
        return "a number";
    }

    /** Numbers are equal when their literals are: {@code 5} and {@code 5.0} are different data. */
    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNumber other && literal.equals(other.literal);
    }

    @Override
    public int hashCode() {
        return literal.hashCode();
    }

    @Override
    public String toString() {
        return literal;
    }

    static boolean isJsonNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (isDigit1to9(s.charAt(i))) {
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigit1to9(char c) {
        return c >= '1' && c <= '9';
    }
}
