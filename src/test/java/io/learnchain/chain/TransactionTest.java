package io.learnchain.chain;

import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class TransactionTest {
    private static Transaction tx(String sender, String amount) {
        return Transaction.of(sender, "b", JsonNumber.parse(amount));
    }

    @Test
    void equalWhenTheirJsonIsAndKnowTheirIdentityAndSize() {
        assertEquals(tx("a", "5"), tx("a", "5"));
        assertEquals(tx("a", "5").hashCode(), tx("a", "5").hashCode());
        assertNotEquals(tx("a", "5"), tx("a", "5.0"), "5 and 5.0 are different data");
        assertEquals("{\"amount\": 5.0, \"recipient\": \"b\", \"sender\": \"a\"}", tx("a", "5.0").canonical());
        assertEquals("{\"sender\":\"a\",\"recipient\":\"b\",\"amount\":5.0}".length(), tx("a", "5.0").encodedSize());
        assertEquals(Sha256.hex(tx("a", "5.0").canonical().getBytes(java.nio.charset.StandardCharsets.US_ASCII)), tx("a", "5.0").id());
        JsonObject reordered = JsonObject.builder().put("amount", JsonNumber.parse("5.0")).put("recipient", "b").put("sender", "a").build();
        assertEquals(tx("a", "5.0").id(), new Transaction(reordered).id(), "the same transaction with its keys in another order");
        assertNotEquals(tx("a", "5").id(), tx("a", "5.0").id());
    }

    @Test
    void aBlockTakesOneOccurrenceOutOfThePoolForEachItHolds() {
        List<Transaction> pending = List.of(tx("a", "1"), tx("b", "2"), tx("a", "1"), tx("c", "3"), tx("a", "1"));
        JsonObject sameWithOtherKeyOrder = JsonObject.builder().put("amount", 1).put("sender", "a").put("recipient", "b").build();
        List<JsonObject> included = List.of(sameWithOtherKeyOrder, tx("c", "3").json(), tx("a", "1").json(), tx("z", "9").json());
        assertEquals(List.of(tx("b", "2"), tx("a", "1")), Transaction.without(pending, included));
    }
}
