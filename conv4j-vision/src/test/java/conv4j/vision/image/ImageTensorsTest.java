package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {

    @Test
    void rgbaToGreyLaysThePictureOverWhiteThenTakesLuma() {
        // One pixel: pure red at 40% opacity. Over white: (1, 0.6, 0.6); luma 0.299 + 0.587 * 0.6 + 0.114 * 0.6.
        Tensor rgba = Tensor.of(new float[] {1f, 0f, 0f, 0.4f}, 4, 1, 1);
        assertArrayEquals(new float[] {1f, 0.6f, 0.6f}, ImageTensors.convert(rgba, ImageMode.RGB).data(), 1e-6f);
        assertEquals(0.299 + 0.701 * 0.6, ImageTensors.convert(rgba, ImageMode.GREY).data()[0], 1e-6);
    }

    @Test
    void convertingToItsOwnModeCopies() {
        Tensor grey = Tensor.of(new float[] {0.25f, 0.75f}, 1, 1, 2);
        Tensor copy = ImageTensors.convert(grey, ImageMode.GREY);
        assertNotSame(grey.data(), copy.data());
        assertArrayEquals(grey.data(), copy.data());
    }

    @Test
    void anHxWTensorIsGrey() {
        Tensor rgba = ImageTensors.convert(Tensor.of(new float[] {0.25f, 0.75f}, 1, 2), ImageMode.RGBA);
        assertEquals(Shape.of(4, 1, 2), rgba.shape());
        assertArrayEquals(new float[] {0.25f, 0.75f, 0.25f, 0.75f, 0.25f, 0.75f, 1f, 1f}, rgba.data());
    }

    @Test
    void premultipliedPixelsReadAsTheColourTheyShow() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        image.setRGB(0, 0, 0x80ff8000);   // orange at alpha 128/255, given not premultiplied
        Tensor t = ImageTensors.toTensor(image);
        assertEquals(Shape.of(4, 1, 1), t.shape());
        assertArrayEquals(new float[] {1f, 128 / 255f, 0f, 128 / 255f}, t.data(), 1.5f / 255);
    }

    @Test
    void packedSamplesScaleByTheirOwnBitDepth() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_565_RGB);
        image.getRaster().setPixel(0, 0, new int[] {31, 63, 0});
        image.getRaster().setPixel(1, 0, new int[] {16, 21, 31});
        Tensor t = ImageTensors.toTensor(image);
        assertArrayEquals(new float[] {1f, 16 / 31f, 1f, 21 / 63f, 0f, 1f}, t.data(), 1e-6f);
    }

    @Test
    void otherColourModelsGoThroughEightBitSrgb() {
        // Float samples are not among the integer layouts read directly.
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new float[] {0.2f, 0.4f, 0.6f});
        Tensor t = ImageTensors.toTensor(new BufferedImage(cm, raster, false, null));
        assertArrayEquals(new float[] {0.2f, 0.4f, 0.6f}, t.data(), 0.5f / 255);
    }

    @Test
    void refusesAnImpossibleChannelCount() {
        assertThrows(IllegalArgumentException.class, () -> ImageTensors.convert(Tensor.zeros(2, 3, 3), ImageMode.RGB));
        assertThrows(IllegalArgumentException.class, () -> ImageMode.ofChannels(2));
    }
}
