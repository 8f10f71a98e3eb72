package dev.quanta.app.viewmodel;

import dev.quanta.app.port.Measurement;
import java.util.Locale;

/**
 * Which size the accuracy-vs-size scatter (and its Pareto front) uses. Gzipped is the default: it
 * is what a download or an app bundle costs, and what pruning and clustering reduce (their zeros and
 * repeated values compress; the file itself stays as large as plain int8).
 */
public enum SizeAxis {
    /** The gzipped file: download or bundle size. */
    GZIPPED("gzipped"),
    /** The file's bytes on disk (what the interpreter maps into memory). */
    FILE("file");

    private final String word;

    SizeAxis(String word) {
        this.word = word;
    }

    /** The size of a measured model on this axis, in bytes. */
    public long bytes(Measurement m) {
        return this == GZIPPED ? m.gzippedBytes() : m.bytes();
    }

    /** The axis label with its unit, e.g. {@code gzipped size (KiB)}. */
    public String axisLabel() {
        return word + " size (KiB)";
    }

    /** The short word shown in the chooser and stored in the settings: {@code gzipped} or {@code file}. */
    public String word() {
        return word;
    }

    /** The axis named by {@code word} (as {@link #word()} gives it), or gzipped for anything else. */
    public static SizeAxis fromWord(String word) {
        for (SizeAxis a : values()) {
            if (a.word.equals(word == null ? "" : word.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        return GZIPPED;
    }

    @Override
    public String toString() {
        return word;
    }
}
