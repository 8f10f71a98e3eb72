package dev.quanta.engine.kernels.float32;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;

/**
 * Whether {@link Math#fma(float, float, float)} runs as one hardware instruction here. HotSpot
 * intrinsifies it (and C2 vectorizes it) when the CPU has FMA ({@code -XX:+UseFMA}, the default on
 * x86-64 since Haswell/Piledriver and on AArch64); without it {@code Math.fma} falls back to exact
 * software arithmetic that is orders of magnitude slower, so the fused fast kernels must not be used.
 *
 * <p>Read from HotSpot's {@code UseFMA} flag through {@code HotSpotDiagnosticMXBean}, looked up by name
 * (no {@code jdk.management} import, so runtimes linked without that module still start); when the flag cannot be read, FMA is
 * assumed on x86-64 and AArch64 only. The system property {@code quanta.fma=false} turns the fused
 * kernels off (results then equal the older unfused fast kernels).
 */
public final class Fma {
    /** True when the fused kernels are used. */
    public static final boolean FAST = detect();

    private Fma() {
    }

    private static boolean detect() {
        String forced = System.getProperty("quanta.fma");
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        try {
            Class<? extends PlatformManagedObject> type = Class.forName("com.sun.management.HotSpotDiagnosticMXBean")
                    .asSubclass(PlatformManagedObject.class);
            Object bean = ManagementFactory.getPlatformMXBean(type);
            Object option = type.getMethod("getVMOption", String.class).invoke(bean, "UseFMA");
            Object value = option.getClass().getMethod("getValue").invoke(option);
            return Boolean.parseBoolean(String.valueOf(value));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // flag not readable (other VM, module missing): fall through to the architecture
        }
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64");
    }
}
