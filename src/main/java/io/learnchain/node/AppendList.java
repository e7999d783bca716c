package io.learnchain.node;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list with an O(1) amortised {@link #plus}. Versions share one array: a version
 * appends in place when nobody has appended to it before, otherwise it copies. Readers of an older
 * version only ever look below its size, where nothing is written again, so every version stays
 * immutable and safe to share between threads once published (e.g. through a volatile field).
 */
final class AppendList<E> extends AbstractList<E> implements RandomAccess {
    private static final AppendList<Object> EMPTY = new AppendList<>(new Object[0], 0, new Claim());

    /** How far the shared array has been filled; only a version of exactly that size appends in place. */
    private static final class Claim {
        int filled;
    }

    private final Object[] items;
    private final int size;
    private final Claim claim;

    private AppendList(Object[] items, int size, Claim claim) {
        this.items = items;
        this.size = size;
        this.claim = claim;
    }

    @SuppressWarnings("unchecked")
    static <E> AppendList<E> empty() {
        return (AppendList<E>) EMPTY;
    }

    static <E> AppendList<E> copyOf(List<? extends E> list) {
        Object[] items = list.toArray(new Object[Math.max(8, list.size() + list.size() / 2)]);
        Claim claim = new Claim();
        claim.filled = list.size();
        return new AppendList<>(items, list.size(), claim);
    }

    /**
     * True when {@code list} is {@code earlier} with items added at its end, known without
     * looking at the items: both are versions over one array, which holds the same items below
     * either size. False whenever that cannot be told so cheaply (a copied array, another kind of list).
     */
    static boolean grewFrom(List<?> list, List<?> earlier) {
        return list instanceof AppendList<?> later && earlier instanceof AppendList<?> before
                && later.items == before.items && later.size >= before.size;
    }

    /** This list with {@code item} added at the end. */
    AppendList<E> plus(E item) {
        synchronized (claim) {
            if (claim.filled == size && size < items.length) {
                items[size] = item;
                claim.filled++;
                return new AppendList<>(items, size + 1, claim);
            }
        }
        Object[] grown = Arrays.copyOf(items, Math.max(8, size * 2));
        grown[size] = item;
        Claim fresh = new Claim();
        fresh.filled = size + 1;
        return new AppendList<>(grown, size + 1, fresh);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return (E) items[index];
    }

    @Override
    public int size() {
        return size;
    }
}
