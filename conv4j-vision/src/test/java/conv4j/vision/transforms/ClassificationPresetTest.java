package conv4j.vision.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ClassificationPresetTest {

    @Test
    void aStripOfOnePixelByFourHundredThousandIsRefusedNotBlownUp() {
        Tensor strip = Tensor.zeros(3, 1, 400_000);
        conv4j.vision.image.ImageException e = assertThrows(conv4j.vision.image.ImageException.class,
                () -> ClassificationPreset.of(Shape.of(3, 224, 224)).prepare(strip));
        org.junit.jupiter.api.Assertions.assertTrue(e.tooLarge());
        assertEquals("a 1 x 400000 picture resized to a shorter side of 256 would be 26,214,400,000 pixels, over the "
                + "limit of 40,000,000; its sides are too unequal", e.getMessage());
    }

    @Test
    void theInputIsSevenEighthsOfTheResizedPictureAsTorchvisions224Of256() {
        assertEquals(Shape.of(3, 256, 256), ClassificationPreset.of(Shape.of(3, 224, 224)).resizedShape());
        assertEquals(Shape.of(3, 73, 73), ClassificationPreset.of(Shape.of(3, 64, 64)).resizedShape());
        assertEquals(Shape.of(1, 32, 37), ClassificationPreset.of(Shape.of(1, 28, 32)).resizedShape());
        assertThrows(IllegalArgumentException.class, () -> new ClassificationPreset(Shape.of(3, 64, 64), 60, 80));
    }

    @Test
    void aWidePictureLosesItsSidesAndKeepsItsMiddle() {
        // 1 x 60 x 180: black, white, black thirds; resized to 37 x 111 and cut to 32 x 32 in the middle
        float[] x = new float[60 * 180];
        for (int r = 0; r < 60; r++) {
            for (int c = 60; c < 120; c++) {
                x[r * 180 + c] = 1;
            }
        }
        ClassificationPreset preset = ClassificationPreset.of(Shape.of(1, 32, 32));
        Tensor out = preset.prepare(Tensor.of(x, 1, 60, 180));
        assertEquals(Shape.of(1, 32, 32), out.shape());
        for (float v : out.data()) {
            assertEquals(1f, v, 1e-6f);
        }
        Tensor resized = preset.resize().apply(Tensor.of(x, 1, 60, 180), new Rng(0));
        assertEquals(Shape.of(1, 37, 37), resized.shape());
        assertEquals(Shape.of(1, 32, 32), preset.randomCrop().apply(resized, new Rng(2)).shape());
        assertEquals(Shape.of(1, 32, 32), preset.randomResizedCrop().apply(resized, new Rng(2)).shape());
    }
}
