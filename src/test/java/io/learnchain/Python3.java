package io.learnchain;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether {@code python3} can be run here: tests that use Python as a peer or a model need it. */
public final class Python3 {
    private Python3() {
    }

    public static boolean available() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
