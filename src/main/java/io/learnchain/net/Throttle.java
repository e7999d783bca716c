package io.learnchain.net;

/**
 * The allowance for pushes that break the rules: {@code perSecond} of them a second on average,
 * in bursts of up to a second's worth, shared by every sender. Who sent a push cannot be told
 * (its {@code "from"} is a claim, and on loopback, behind NAT or a proxy one address is many
 * senders), so bad pushes are never held against a peer: they only use up this one allowance.
 * While it is used up, pushes are refused before they are checked; pushes that keep to the rules
 * cost nothing. Thread-safe.
 */
final class Throttle {
    private final double perSecond;
    private double tokens;
    private long at = System.nanoTime();

    Throttle(double perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
    }

    /** True while pushes may be checked: the allowance is not used up. */
    synchronized boolean open() {
        refill();
        return tokens >= 1;
    }

    /** A push broke the rules: it takes one from the allowance. */
    synchronized void charge() {
        refill();
        tokens = Math.max(0, tokens - 1);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - at) / 1e9 * perSecond);
        at = now;
    }
}
