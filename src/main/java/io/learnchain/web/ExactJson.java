package io.learnchain.web;

import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonBoolean;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes chain data (the node's exact JSON values, and transactions) inside JSON-B answers as the
 * node holds it: every number as its literal ({@code 5.0} stays {@code 5.0}, {@code -0.0}, a
 * 4,300-digit integer and a Python peer's {@code NaN} as they are), never through
 * {@link BigDecimal} as JSON-B's own number binding would.
 */
final class ExactJson {
    /** The serializers JSON-B needs: one for the node's JSON values (JSON-B finds it by their interface), one for transactions. */
    static final JsonbSerializer<?>[] ALL = {new Values(), new Transactions()};

    private ExactJson() {
    }

    /** Concrete classes, so that JSON-B reads the type each serializes from its declaration. */
    static final class Values implements JsonbSerializer<Json> {
        @Override
        public void serialize(Json value, JsonGenerator generator, SerializationContext context) {
            write(value, generator);
        }
    }

    static final class Transactions implements JsonbSerializer<Transaction> {
        @Override
        public void serialize(Transaction value, JsonGenerator generator, SerializationContext context) {
            write(value.json(), generator);
        }
    }

    static void write(Json value, JsonGenerator generator) {
        if (value instanceof JsonObject object) {
            generator.writeStartObject();
            for (Map.Entry<String, Json> member : object.members().entrySet()) {
                generator.writeKey(member.getKey());
                write(member.getValue(), generator);
            }
            generator.writeEnd();
        } else if (value instanceof JsonArray array) {
            generator.writeStartArray();
            for (Json item : array.items()) {
                write(item, generator);
            }
            generator.writeEnd();
        } else if (value instanceof JsonString string) {
            generator.write(string.value());
        } else if (value instanceof JsonNumber number) {
            generator.write(new Literal(number));
        } else if (value instanceof JsonBoolean bool) {
            generator.write(bool.value());
        } else {
            generator.writeNull();
        }
    }

    /**
     * A number as JSON-P's generator takes it: the generator writes {@link #toString()}, which is
     * the literal as received. Its other views exist for completeness; the generator uses none.
     */
    private record Literal(JsonNumber number) implements jakarta.json.JsonNumber {
        @Override
        public boolean isIntegral() {
            return number.isInteger();
        }

        @Override
        public int intValue() {
            return bigDecimalValue().intValue();
        }

        @Override
        public int intValueExact() {
            return bigDecimalValue().intValueExact();
        }

        @Override
        public long longValue() {
            return bigDecimalValue().longValue();
        }

        @Override
        public long longValueExact() {
            return bigDecimalValue().longValueExact();
        }

        @Override
        public BigInteger bigIntegerValue() {
            return bigDecimalValue().toBigInteger();
        }

        @Override
        public BigInteger bigIntegerValueExact() {
            return bigDecimalValue().toBigIntegerExact();
        }

        @Override
        public double doubleValue() {
            return Double.parseDouble(number.literal()); // Java reads NaN and Infinity as Python writes them
        }

        @Override
        public BigDecimal bigDecimalValue() {
            return new BigDecimal(number.literal());
        }

        @Override
        public JsonValue.ValueType getValueType() {
            return JsonValue.ValueType.NUMBER;
        }

        @Override
        public String toString() {
            return number.literal();
        }
    }
}
