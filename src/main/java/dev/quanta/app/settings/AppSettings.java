package dev.quanta.app.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings remembered between runs. A plain bean so Jackson can read files written by older or
 * newer versions (unknown fields are ignored, missing ones keep these defaults).
 */
public final class AppSettings {
    /** How many recent files are kept. */
    public static final int MAX_RECENT = 10;

    public double windowX = Double.NaN;
    public double windowY = Double.NaN;
    public double windowWidth = 1280;
    public double windowHeight = 860;
    public boolean maximized;
    /** Position of the divider between the variants list and the views (0..1). */
    public double sidebarDivider = 0.22;
    public String theme = "light";
    /** Size axis of Compare's accuracy-vs-size chart: {@code gzipped} or {@code file}. */
    public String compareSizeAxis = "gzipped";
    public List<String> recentFiles = new ArrayList<>();

    /** Moves {@code file} to the front of the recent files, dropping duplicates and the oldest. */
    public void addRecent(String file) {
        recentFiles.remove(file);
        recentFiles.add(0, file);
        while (recentFiles.size() > MAX_RECENT) {
            recentFiles.remove(recentFiles.size() - 1);
        }
    }
}
