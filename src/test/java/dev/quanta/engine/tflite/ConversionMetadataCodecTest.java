package dev.quanta.engine.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quanta.engine.util.QuantaException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConversionMetadataCodecTest {

    @Test
    void encodedModesReadBack() {
        assertEquals(List.of(1001, 1003), ConversionMetadataCodec.modes(ConversionMetadataCodec.encode(List.of(1001, 1003))));
        assertEquals(List.of(), ConversionMetadataCodec.modes(ConversionMetadataCodec.encode(List.of())));
    }

    @Test
    void everyTruncationIsAQuantaException() {
        byte[] whole = ConversionMetadataCodec.encode(List.of(1001, 1002, 1003));
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            QuantaException e = assertThrows(QuantaException.class, () -> ConversionMetadataCodec.modes(cut),
                    "truncated to " + n + " bytes");
            assertEquals(true, e.getMessage().startsWith("Malformed CONVERSION_METADATA"), e.getMessage());
        }
    }

    @Test
    void randomBytesGiveModesOrAQuantaExceptionNeverAnotherException() {
        Random random = new Random(7);
        byte[] whole = ConversionMetadataCodec.encode(List.of(1001, 1002));
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = whole.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                ConversionMetadataCodec.modes(mutated);
            } catch (QuantaException expected) {
                // a clear message is the only acceptable failure
            }
        }
    }
}
