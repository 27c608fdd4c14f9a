package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {
    private static final float LEVEL = 1f / 255;

    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    @Test
    void sixteenBitGreyPngKeepsAllSixteenBits() {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_USHORT_GRAY);
        int[] samples = {0, 1000, 32768, 65535, 12345, 65534, 1, 40000};
        image.getRaster().setSamples(0, 0, 4, 2, 0, samples);
        Tensor t = loader.load(Pictures.write(image, "png", dir.resolve("grey16.png")));
        assertEquals(Shape.of(1, 2, 4), t.shape());
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i] / 65535.0, t.data()[i], 1e-7, "pixel " + i);
        }
        assertEquals(0.5, t.data()[2], LEVEL);
    }

    @Test
    void sixteenBitRgbPngKeepsAllSixteenBits() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(3, 1);
        int[][] rgb = {{65535, 0, 32768}, {0, 65535, 1000}, {20000, 40000, 60000}};
        for (int x = 0; x < 3; x++) {
            raster.setPixel(x, 0, rgb[x]);
        }
        BufferedImage image = new BufferedImage(cm, raster, false, null);
        Tensor t = loader.load(Pictures.write(image, "png", dir.resolve("rgb16.png")));
        assertEquals(Shape.of(3, 1, 3), t.shape());
        for (int x = 0; x < 3; x++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(rgb[x][c] / 65535.0, t.get(c, 0, x), 1e-7, "pixel " + x + " channel " + c);
            }
        }
    }

    @Test
    void palettePngReadsThePaletteColours() {
        byte[] r = {(byte) 255, (byte) 128, 0, (byte) 255};
        byte[] g = {0, (byte) 128, 0, (byte) 255};
        byte[] b = {0, (byte) 128, (byte) 255, (byte) 255};
        IndexColorModel palette = new IndexColorModel(8, 4, r, g, b);
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        image.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {2, 0, 3, 1});
        Tensor t = loader.load(Pictures.write(image, "png", dir.resolve("palette.png")));
        assertEquals(Shape.of(3, 1, 4), t.shape());
        float[][] expected = {{0, 0, 1}, {1, 0, 0}, {1, 1, 1}, {128 / 255f, 128 / 255f, 128 / 255f}};
        for (int x = 0; x < 4; x++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[x][c], t.get(c, 0, x), 1e-6, "pixel " + x + " channel " + c);
            }
        }
        assertEquals(0.5, t.get(0, 0, 3), LEVEL);
    }

    @Test
    void transparentPalettePngKeepsItsAlpha() {
        byte[] grey = {0, (byte) 255};
        byte[] alpha = {0, (byte) 255};
        IndexColorModel palette = new IndexColorModel(8, 2, grey, grey, grey, alpha);
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        image.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0, 1});
        Path file = Pictures.write(image, "png", dir.resolve("clear.png"));
        Tensor rgba = loader.load(file);
        assertEquals(Shape.of(4, 1, 2), rgba.shape());
        assertEquals(0f, rgba.get(3, 0, 0));
        assertEquals(1f, rgba.get(3, 0, 1));
        // Grey asked of a transparent picture shows it over white: the transparent black pixel is white.
        Tensor grey2 = loader.load(file, ImageMode.GREY);
        assertArrayEquals(new float[] {1f, 1f}, grey2.data());
    }

    @Test
    void greyPaletteReadsAsOneChannel() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY);
        image.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {1, 0, 1});
        Tensor t = loader.load(Pictures.write(image, "png", dir.resolve("binary.png")));
        assertEquals(Shape.of(1, 1, 3), t.shape());
        assertArrayEquals(new float[] {1, 0, 1}, t.data());
    }

    @Test
    void greyWithAlphaPngReadsAsRgbaAndOverWhiteAsGrey() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                new int[] {8, 8}, true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0, 255});    // opaque black
        raster.setPixel(1, 0, new int[] {0, 51});     // black at 20% opacity
        Path file = Pictures.write(new BufferedImage(cm, raster, false, null), "png", dir.resolve("ga.png"));
        Tensor rgba = loader.load(file);
        assertEquals(Shape.of(4, 1, 2), rgba.shape());
        assertEquals(0.2, rgba.get(3, 0, 1), 1e-6);
        assertEquals(0f, rgba.get(1, 0, 1));
        Tensor grey = loader.load(file, ImageMode.GREY);
        assertEquals(0f, grey.get(0, 0, 0));
        assertEquals(0.8, grey.get(0, 0, 1), 1e-6);   // 0 * 0.2 + white * 0.8
    }

    @Test
    void colourReadAsGreyIsBt601Luma() {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        image.setRGB(1, 0, 0x00ff00);
        image.setRGB(2, 0, 0x0000ff);
        image.setRGB(3, 0, 0x808080);
        Tensor grey = loader.load(Pictures.write(image, "png", dir.resolve("rgb.png")), ImageMode.GREY);
        assertArrayEquals(new float[] {0.299f, 0.587f, 0.114f, 128 / 255f}, grey.data(), 1e-6f);
        Tensor rgba = loader.load(dir.resolve("rgb.png"), ImageMode.RGBA);
        assertEquals(Shape.of(4, 1, 4), rgba.shape());
        assertArrayEquals(new float[] {1, 1, 1, 1}, Arrays.copyOfRange(rgba.data(), 12, 16));
    }

    @Test
    void greyReadAsRgbRepeatsTheChannel() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {10, 200});
        Tensor rgb = loader.load(Pictures.write(image, "png", dir.resolve("g.png")), ImageMode.RGB);
        float a = 10 / 255f;
        float b = 200 / 255f;
        assertArrayEquals(new float[] {a, b, a, b, a, b}, rgb.data());
    }

    @Test
    void bmpAndGifReadExactlyAndJpegClosely() {
        BufferedImage image = Pictures.canvas(40, 30, Color.WHITE, new Color(200, 30, 60), g -> g.fillRect(0, 0, 20, 30));
        for (String format : new String[] {"bmp", "gif"}) {
            Tensor t = loader.load(Pictures.write(image, format, dir.resolve("x." + format)));
            assertEquals(Shape.of(3, 30, 40), t.shape(), format);
            assertEquals(200 / 255f, t.get(0, 15, 5), 1e-6, format);
            assertEquals(30 / 255f, t.get(1, 15, 5), 1e-6, format);
            assertEquals(1f, t.get(2, 15, 35), format);
        }
        Tensor jpeg = loader.load(Pictures.write(image, "jpeg", dir.resolve("x.jpg")));
        assertEquals(Shape.of(3, 30, 40), jpeg.shape());
        assertEquals(200 / 255f, jpeg.get(0, 15, 5), 8 * LEVEL);
        assertEquals(1f, jpeg.get(2, 15, 35), 8 * LEVEL);
    }

    @Test
    void theFormatComesFromTheBytesNotTheName() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        Tensor t = loader.load(Pictures.write(image, "png", dir.resolve("really-a-png.jpg")));
        assertEquals(Shape.of(1, 2, 2), t.shape());
    }

    @Test
    void aHeaderClaimingTenBillionPixelsIsRefusedBeforeDecoding() throws IOException {
        // IHDR and IEND only, both with correct CRCs: a decoder would find no image data, so the pixel limit's
        // message proves the limit was checked on the header alone, before anything was decoded.
        Path file = Pictures.bytes(dir.resolve("huge.png"), pngHeaderOnly(100_000, 100_000));
        ImageException e = assertThrows(ImageException.class, () -> loader.load(file));
        assertEquals(file + ": 100000 x 100000 pixels is more than the 40,000,000-pixel limit", e.getMessage());
        assertEquals(file.toString(), e.source());
        // Just under the limit the same header passes the limit and fails as what it is: a PNG without pixels.
        ImageException corrupt = assertThrows(ImageException.class,
                () -> new ImageLoader(10_000_000_000L / 20).load(Pictures.bytes(dir.resolve("small.png"),
                        pngHeaderOnly(100, 100))));
        assertTrue(corrupt.getMessage().contains("truncated or corrupt PNG"), corrupt.getMessage());
    }

    @Test
    void thePixelLimitIsConfigurableAndInclusive() {
        BufferedImage image = Pictures.canvas(30, 20, Color.ORANGE, Color.BLUE, g -> g.fillRect(3, 3, 9, 9));
        for (String format : new String[] {"png", "jpeg", "bmp", "gif"}) {
            Path file = Pictures.write(image, format, dir.resolve("30x20." + format));
            assertEquals(Shape.of(3, 20, 30), new ImageLoader(600).load(file).shape(), format);
            ImageException e = assertThrows(ImageException.class, () -> new ImageLoader(599).load(file));
            assertEquals(file + ": 30 x 20 pixels is more than the 599-pixel limit", e.getMessage(), format);
        }
        assertThrows(IllegalArgumentException.class, () -> new ImageLoader(0));
        assertThrows(IllegalArgumentException.class, () -> new ImageLoader(ImageLoader.LARGEST_MAX_PIXELS + 1));
    }

    @Test
    void bytesReadAsTheSameFileDoesWithTheSameChecks() throws IOException {
        BufferedImage image = noise(23, 17);
        for (String format : new String[] {"png", "jpeg", "bmp", "gif"}) {
            byte[] encoded = Pictures.encode(image, format);
            Path file = Pictures.bytes(dir.resolve("noise." + format), encoded);
            assertArrayEquals(loader.load(file).data(), loader.load(encoded, "upload").data(), 0f, format);
            assertArrayEquals(loader.load(file, ImageMode.GREY).data(),
                    loader.load(encoded, "upload", ImageMode.GREY).data(), 0f, format);
        }
        byte[] png = Pictures.encode(image, "png");
        ImageException cut = assertThrows(ImageException.class,
                () -> loader.load(Arrays.copyOf(png, png.length - 20), "the upload"));
        assertTrue(cut.getMessage().startsWith("the upload: truncated or corrupt PNG ("), cut.getMessage());
        assertFalse(cut.tooLarge());
        ImageException huge = assertThrows(ImageException.class,
                () -> loader.load(pngHeaderOnly(100_000, 100_000), "the upload"));
        assertEquals("the upload: 100000 x 100000 pixels is more than the 40,000,000-pixel limit", huge.getMessage());
        assertTrue(huge.tooLarge());
        assertEquals("the upload is empty (0 bytes), not an image",
                assertThrows(ImageException.class, () -> loader.load(new byte[0], "the upload")).getMessage());
        assertEquals("the upload is not a PNG, JPEG, BMP or GIF image", assertThrows(ImageException.class,
                () -> loader.load("hello".getBytes(StandardCharsets.UTF_8), "the upload")).getMessage());
    }

    @Test
    void aTextFileIsNotAnImage() {
        Path file = Pictures.bytes(dir.resolve("notes.txt"), "BM is not a bitmap\n".getBytes(StandardCharsets.UTF_8));
        ImageException e = assertThrows(ImageException.class, () -> loader.load(file));
        assertEquals(file + " is not a PNG, JPEG, BMP or GIF image", e.getMessage());
    }

    @Test
    void anEmptyFileIsNotAnImage() {
        Path file = Pictures.bytes(dir.resolve("empty.png"), new byte[0]);
        ImageException e = assertThrows(ImageException.class, () -> loader.load(file));
        assertEquals(file + " is empty (0 bytes), not an image", e.getMessage());
    }

    @Test
    void aMissingFileAndAFolderAreNamed() throws IOException {
        Path missing = dir.resolve("missing.png");
        assertEquals(missing + " does not exist",
                assertThrows(ImageException.class, () -> loader.load(missing)).getMessage());
        Path folder = Files.createDirectory(dir.resolve("photos"));
        assertEquals(folder + " is a folder, not an image file",
                assertThrows(ImageException.class, () -> loader.load(folder)).getMessage());
    }

    @Test
    void aPngCutShortIsATruncatedPng() {
        byte[] png = Pictures.encode(noise(23, 17), "png");
        Path file = dir.resolve("cut.png");
        for (int cut : cuts(png.length)) {
            Pictures.bytes(file, Arrays.copyOf(png, cut));
            ImageException e = assertThrows(ImageException.class, () -> loader.load(file), "cut at " + cut);
            String expected = cut < 8 ? file + " is not a PNG, JPEG, BMP or GIF image"
                    : file + ": truncated or corrupt PNG (";
            assertTrue(e.getMessage().startsWith(expected), "cut at " + cut + ": " + e.getMessage());
        }
        Pictures.bytes(file, png);
        assertEquals(Shape.of(3, 17, 23), loader.load(file).shape());
    }

    @Test
    void aPngWithADamagedByteIsCorrupt() {
        byte[] png = Pictures.encode(noise(23, 17), "png");
        Path file = dir.resolve("damaged.png");
        for (int at = 8; at < png.length; at += 7) {
            byte[] damaged = png.clone();
            damaged[at] ^= 0x10;
            Pictures.bytes(file, damaged);
            ImageException e = assertThrows(ImageException.class, () -> loader.load(file), "byte " + at);
            assertTrue(e.getMessage().startsWith(file + ": truncated or corrupt PNG ("), e.getMessage());
        }
    }

    @Test
    void jpegBmpAndGifCutShortAreCorruptNeverAnotherException() {
        BufferedImage image = noise(31, 19);
        String[][] formats = {{"jpeg", "JPEG"}, {"bmp", "BMP"}, {"gif", "GIF"}};
        for (String[] format : formats) {
            byte[] bytes = Pictures.encode(image, format[0]);
            Path file = dir.resolve("cut." + format[0]);
            // A GIF whose last byte, the trailer, is missing still holds the whole picture; a JPEG or BMP header
            // shorter than the bytes that recognise the format is "not an image".
            int end = format[0].equals("gif") ? bytes.length - 1 : bytes.length;
            for (int cut : cuts(end)) {
                Pictures.bytes(file, Arrays.copyOf(bytes, cut));
                ImageException e = assertThrows(ImageException.class, () -> loader.load(file),
                        format[0] + " cut at " + cut);
                assertTrue(e.getMessage().startsWith(file + ": truncated or corrupt " + format[1] + " (")
                        || e.getMessage().equals(file + " is not a PNG, JPEG, BMP or GIF image"),
                        format[0] + " cut at " + cut + ": " + e.getMessage());
            }
        }
    }

    /** Every offset in the headers and at the end, and every 13th in between. */
    private static int[] cuts(int length) {
        return java.util.stream.IntStream.range(1, length)
                .filter(i -> i < 80 || i >= length - 20 || i % 13 == 0)
                .toArray();
    }

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    /** A PNG signature, an IHDR for 8-bit RGB of the given size, and IEND: valid chunks, no image data. */
    private static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0});   // bit depth, colour type RGB, compression, filter, interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
