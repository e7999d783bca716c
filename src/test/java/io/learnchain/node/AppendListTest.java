package io.learnchain.node;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Versions stay what they were, and a version tells in O(1) whether it grew from another. */
class AppendListTest {
    @Test
    void versionsKeepTheirItemsAndKnowWhatTheyGrewFrom() {
        AppendList<String> one = AppendList.copyOf(List.of("a"));
        AppendList<String> two = one.plus("b");
        AppendList<String> three = two.plus("c");
        assertTrue(AppendList.grewFrom(three, one));
        assertTrue(AppendList.grewFrom(three, three));
        assertFalse(AppendList.grewFrom(one, three), "shorter, so not grown from it");

        AppendList<String> fork = two.plus("x"); // two was appended to already: the fork copies
        assertEquals(List.of("a", "b", "c"), three);
        assertEquals(List.of("a", "b", "x"), fork);
        assertFalse(AppendList.grewFrom(fork, three));
        assertFalse(AppendList.grewFrom(fork, two), "a copy: not known in O(1) to have grown from its origin");

        assertFalse(AppendList.grewFrom(three, AppendList.copyOf(List.of("a", "b"))), "equal items, another array");
        assertFalse(AppendList.grewFrom(three, new ArrayList<>(one)));
    }
}
