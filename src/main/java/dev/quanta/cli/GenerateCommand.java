package dev.quanta.cli;

import dev.quanta.engine.graph.Model;
import dev.quanta.engine.samples.MobileNetV1;
import dev.quanta.engine.samples.SequenceLstm;
import dev.quanta.engine.tflite.TfliteWriter;
import dev.quanta.engine.util.QuantaException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quanta generate mobilenet-v1|lstm -o FILE}: writes a sample model with random weights.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a sample float model with random weights (mobilenet-v1, lstm).")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCH", description = "the architecture: mobilenet-v1 or lstm")
    String arch;

    @Option(names = {"-o", "--output"}, required = true, description = "the .tflite file to write")
    Path output;

    @Option(names = "--seed", defaultValue = "1", description = "weight seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--resolution", defaultValue = "224", description = "input size (default: ${DEFAULT-VALUE})")
    int resolution;

    @Option(names = "--width", defaultValue = "1.0", description = "width multiplier (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--units", defaultValue = "128", description = "lstm: cell units (default: ${DEFAULT-VALUE})")
    int units;

    @Option(names = "--steps", defaultValue = "28", description = "lstm: time steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--features", defaultValue = "28",
            description = "lstm: input features per step (default: ${DEFAULT-VALUE})")
    int features;

    @Option(names = "--batch", defaultValue = "1", description = "lstm: batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() {
        if (arch.equals("lstm")) {
            if (units < 1 || steps < 1 || features < 1 || batch < 1) {
                throw new QuantaException("--units, --steps, --features and --batch must be positive");
            }
            Model m = SequenceLstm.generate(SequenceLstm.Spec.plain(steps, batch, features, units), seed);
            TfliteWriter.write(m, output);
            spec.commandLine().getOut().printf("wrote %s (UNIDIRECTIONAL_SEQUENCE_LSTM, %d units, %d steps x %d"
                    + " features, batch %d)%n", output, units, steps, features, batch);
            return 0;
        }
        if (!arch.equals("mobilenet-v1")) {
            throw new QuantaException("unknown architecture '" + arch + "' (known: mobilenet-v1, lstm)");
        }
        if (resolution < 32 || resolution % 32 != 0 || width <= 0) {
            throw new QuantaException("--resolution must be a multiple of 32 and --width positive");
        }
        Model m = MobileNetV1.generate(seed, resolution, width, 1001);
        TfliteWriter.write(m, output);
        spec.commandLine().getOut().printf("wrote %s (MobileNet v1 %dx%d, width %s, %d operators)%n", output,
                resolution, resolution, width, m.main().operators().size());
        return 0;
    }
}
