package io.learnchain.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A list read from a stream an item at a time, however the bytes arrive. */
class StreamingListTest {
    /** Hands out {@code bytes} at most {@code piece} bytes per read, as a slow socket would. */
    private static InputStream trickle(String text, int piece) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, piece));
            }
        };
    }

    private static List<Json> items(String text, int piece, int maxItemBytes) throws IOException, JsonSyntaxException {
        StreamingList list = StreamingList.open(trickle(text, piece), "chain", 8, maxItemBytes, false, n -> { });
        List<Json> items = new ArrayList<>();
        Json item;
        while ((item = list.next()) != null) {
            items.add(item);
        }
        list.finish();
        return items;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 65536})
    void handsOverItemsOneByOneWhateverTheReadsDeliver(int piece) throws Exception {
        assertEquals(List.of(JsonNumber.parse("1"), new JsonString("x,]}\\\""), JsonArray.EMPTY, JsonNumber.parse("-0.0"),
                        JsonBoolean.TRUE, JsonNull.NULL),
                items(" {\"before\": {\"a\": [1, \"]\"]}, \"chain\" : [1, \"x,]}\\\\\\\"\", [], -0.0,true ,null], \"length\": 3} ", piece,
                        1000));
        assertEquals(List.of(), items("{\"chain\": []}", piece, 1000));
        assertEquals(List.of(JsonNumber.parse("7")), items("{\"chain\":[7]}", piece, 1000));
    }

    @Test
    void aLongListIsReadWithoutHoldingIt() throws Exception {
        StringBuilder text = new StringBuilder("{\"chain\": [");
        for (int i = 0; i < 50_000; i++) {
            text.append(i == 0 ? "" : ",").append("{\"index\": ").append(i).append(", \"pad\": \"").append("p".repeat(40)).append("\"}");
        }
        List<Json> items = items(text.append("], \"length\": 50000}").toString(), 4096, 1000);
        assertEquals(50_000, items.size());
        assertEquals(JsonNumber.parse("49999"), ((JsonObject) items.get(49_999)).get("index"));
    }

    @Test
    void theRestIsCheckedEvenWhenNotAskedFor() throws Exception {
        StreamingList list = StreamingList.open(trickle("{\"chain\": [1, 2, 3], \"length\": 3}", 3), "chain", 8, 100, false, n -> { });
        assertEquals(JsonNumber.parse("1"), list.next());
        list.finish();
        StreamingList broken = StreamingList.open(trickle("{\"chain\": [1, 2, 3], \"length\": 3} x", 3), "chain", 8, 100, false, n -> { });
        assertThrows(JsonSyntaxException.class, broken::finish);
    }

    @Test
    void anItemOverTheLimitStopsTheReadingAtOnce() {
        String big = "{\"chain\": [\"" + "x".repeat(100_000) + "\"]}";
        long[] read = new long[1];
        assertThrows(StreamingList.ItemTooLargeException.class, () -> {
            StreamingList list = StreamingList.open(trickle(big, 1024), "chain", 8, 5000, false, n -> read[0] += n);
            list.next();
        });
        assertTrue(read[0] < 20_000, "read " + read[0] + " bytes of a 100 KB item limited to 5 KB");
    }

    @Test
    void theMeterCanStopTheReading() {
        assertThrows(IOException.class, () -> {
            StreamingList list = StreamingList.open(trickle("{\"chain\": [1, 2, 3, 4, 5, 6, 7, 8, 9]}", 4), "chain", 8, 100, false,
                    n -> {
                        throw new IOException("over the cap");
                    });
            list.next();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{}", "{\"chain\": 5}", "{\"chain\": [1,]}", "{\"chain\": [1 2]}", "{\"chain\": [1]",
            "{\"chain\": [1]} x", "{\"chain\": [1], \"chain\": [2]}", "{\"length\": 1}", "{\"chain\": [[[[[[[[[1]]]]]]]]]}", "",
            "{\"chain\": [\"unterminated]}", "{\"chain\": [tru]}", "{\"chain\": [1]]}", "{\"chain\" [1]}", "{chain: [1]}"})
    void refusesWhatIsNotSuchAnObject(String text) {
        for (int piece : new int[]{1, 65536}) {
            assertThrows(JsonSyntaxException.class, () -> items(text, piece, 1000), text);
        }
    }
}
