package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.io.ModelInfo;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInputTest {
    @TempDir
    Path dir;

    private static final ModelInfo DIGITS = new ModelInfo("lenet5", Shape.of(1, 28, 28), List.of(0.1307),
            List.of(0.3081), List.of("0", "1"), Map.of());

    @Test
    void bytesArePreparedExactlyAsTheFileWithTheSameBytes() {
        byte[] png = Pictures.encode(Pictures.canvas(200, 300, Color.WHITE, Color.BLACK,
                g -> g.fillRect(80, 40, 30, 200)), "png");
        Path file = Pictures.bytes(dir.resolve("one.png"), png);
        ModelInput input = new ModelInput(DIGITS);
        Tensor fromFile = input.prepare(file);
        Tensor fromBytes = input.prepare(png, "an upload");
        assertEquals(Shape.of(1, 28, 28), fromBytes.shape());
        assertArrayEquals(fromFile.data(), fromBytes.data(), 0f);
        // before normalisation the digit is MNIST's: the picture DigitPreprocessor makes of the file
        Tensor digit = new DigitPreprocessor().preprocess(file);
        float[] expected = digit.data().clone();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (expected[i] - 0.1307f) / 0.3081f;
        }
        assertArrayEquals(expected, fromBytes.data(), 1e-6f);
    }

    @Test
    void anRgbModelTakesThePictureResizedInItsChannels() {
        ModelInfo rgb = ModelInfo.of("rgb", Shape.of(3, 8, 12), List.of("a"));
        ModelInput input = new ModelInput(rgb);
        assertEquals(ImageMode.RGB, input.mode());
        byte[] png = Pictures.encode(Pictures.canvas(24, 16, Color.RED, Color.BLUE, g -> g.fillRect(0, 0, 12, 16)),
                "png");
        Tensor x = input.prepare(png, "a photo");
        assertEquals(Shape.of(3, 8, 12), x.shape());
        assertEquals(0f, x.data()[0], 1e-6);          // red channel, blue half
        assertEquals(1f, x.data()[11], 1e-6);         // red channel, red half
        assertTrue(new ModelInput(DIGITS).takesDigits());
    }

    private static ModelInfo grey28(Map<String, String> facts) {
        return new ModelInfo("lenet5", Shape.of(1, 28, 28), List.of(), List.of(), List.of("0", "1"), facts);
    }

    @Test
    void onlyADigitModelPreparesPicturesAsDigits() {
        assertTrue(new ModelInput(grey28(Map.of("dataset", "mnist"))).takesDigits());
        assertTrue(new ModelInput(grey28(Map.of())).takesDigits(), "built in code or imported: a digit model");
        org.junit.jupiter.api.Assertions.assertFalse(new ModelInput(grey28(Map.of("dataset", "fashion-mnist")))
                .takesDigits(), "clothes are not digits");
        org.junit.jupiter.api.Assertions.assertFalse(new ModelInput(grey28(Map.of("dataset", "mnist",
                ModelInput.PREPARATION_FACT, ModelInput.PLAIN))).takesDigits(), "what the file records wins");
        assertEquals(ModelInput.DIGIT_PREPARATION, ModelInput.preparationFor("mnist", Shape.of(1, 28, 28)));
        assertEquals(ModelInput.PLAIN, ModelInput.preparationFor("fashion-mnist", Shape.of(1, 28, 28)));
    }

    @Test
    void aFashionModelTakesThePictureResizedNotCroppedToInk() {
        // a dark boot-like block in the lower left of a light 56 x 56 picture: resized, it stays in the lower left;
        // as a digit it would be cropped to its ink and centred
        byte[] png = Pictures.encode(Pictures.canvas(56, 56, Color.WHITE, Color.BLACK,
                g -> g.fillRect(0, 36, 20, 20)), "png");
        Tensor x = new ModelInput(grey28(Map.of("dataset", "fashion-mnist"))).prepare(png, "boot.png");
        assertEquals(Shape.of(1, 28, 28), x.shape());
        assertEquals(0f, x.data()[27 * 28], 1e-6, "bottom-left pixel is the block's black");
        assertEquals(1f, x.data()[0], 1e-6, "top-left pixel is the background's white");
    }
}
