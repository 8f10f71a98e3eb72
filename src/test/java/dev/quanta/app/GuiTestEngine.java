package dev.quanta.app;

import dev.quanta.app.backend.EngineBackend;
import dev.quanta.app.port.VariantOptimizer;
import dev.quanta.app.port.WorkbenchPorts;
import dev.quanta.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The engine and model the GUI tests run against: the real engine on the shared MNIST model and data. */
final class GuiTestEngine {
    /** Layers of {@link #model()}. */
    static final int LAYERS = 6;
    /** The labeled Fashion-MNIST folder the sample models were trained for. */
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    private GuiTestEngine() {
    }

    static WorkbenchPorts ports() {
        // 300 samples keep the test short; the app evaluates on 1000.
        return EngineBackend.ports(List.of(SharedData.root().resolve("datasets"), FASHION.getParent()), 300);
    }

    /** {@link #ports()} with another optimizer. */
    static WorkbenchPorts ports(VariantOptimizer optimizer) {
        WorkbenchPorts p = ports();
        return new WorkbenchPorts(p.loader(), Optional.of(optimizer), p.measurer(), p.datasets(), p.reports());
    }

    /** The bundled sample MLP (Fashion-MNIST). */
    static Path fashionMlp() {
        return Path.of("sample-models/fashion_mlp.tflite");
    }

    static Path model() {
        return SharedData.model("aeq/conv_fc_mnist.tflite");
    }
}
