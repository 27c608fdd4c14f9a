package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExifOrientationTest {
    private static final Color[] CORNERS = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE};   // TL, TR, BL, BR

    /**
     * The corners shown (top-left, top-right, bottom-left, bottom-right) for orientations 1 to 8, as indices into
     * the stored corners, from the EXIF standard's description of each value.
     */
    private static final int[][] SHOWN = {
        {0, 1, 2, 3},   // 1 as stored
        {1, 0, 3, 2},   // 2 mirrored left-right
        {3, 2, 1, 0},   // 3 turned 180 degrees
        {2, 3, 0, 1},   // 4 mirrored top-bottom
        {0, 2, 1, 3},   // 5 transposed
        {2, 0, 3, 1},   // 6 stored turned a quarter anticlockwise: shown turned back clockwise
        {3, 1, 2, 0},   // 7 transverse
        {1, 3, 0, 2},   // 8 stored turned a quarter clockwise
    };

    @TempDir
    Path dir;

    @Test
    void eachOrientationShowsTheCornersTheStandardSays() {
        byte[] jpeg = Pictures.encode(quadrants(), "jpeg");
        for (boolean motorola : new boolean[] {true, false}) {
            for (int orientation = 1; orientation <= 8; orientation++) {
                Path file = Pictures.bytes(dir.resolve("o" + orientation + ".jpg"),
                        withExif(jpeg, orientation, motorola));
                Tensor t = new ImageLoader().load(file);
                boolean quarterTurn = orientation >= 5;
                assertEquals(quarterTurn ? Shape.of(3, 40, 20) : Shape.of(3, 20, 40), t.shape(), "" + orientation);
                int h = t.shape().dim(1);
                int w = t.shape().dim(2);
                int[][] at = {{2, 2}, {2, w - 3}, {h - 3, 2}, {h - 3, w - 3}};
                for (int corner = 0; corner < 4; corner++) {
                    Color expected = CORNERS[SHOWN[orientation - 1][corner]];
                    assertColour(expected, t, at[corner][0], at[corner][1], "orientation " + orientation
                            + " corner " + corner);
                }
            }
        }
    }

    @Test
    void aMissingOrDamagedExifLeavesThePictureAsStored() {
        byte[] jpeg = Pictures.encode(quadrants(), "jpeg");
        byte[] damaged = withExif(jpeg, 6, true);
        damaged[2 + 4 + 6] = 'X';   // the byte order mark of the TIFF header
        for (byte[] bytes : new byte[][] {jpeg, damaged}) {
            Tensor t = new ImageLoader().load(Pictures.bytes(dir.resolve("plain.jpg"), bytes));
            assertEquals(Shape.of(3, 20, 40), t.shape());
            assertColour(Color.RED, t, 2, 2, "top-left");
        }
    }

    private static void assertColour(Color expected, Tensor t, int y, int x, String where) {
        assertEquals(expected.getRed() / 255f, t.get(0, y, x), 0.15, where + " red");
        assertEquals(expected.getGreen() / 255f, t.get(1, y, x), 0.15, where + " green");
        assertEquals(expected.getBlue() / 255f, t.get(2, y, x), 0.15, where + " blue");
    }

    private static BufferedImage quadrants() {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, CORNERS[(y < 10 ? 0 : 2) + (x < 20 ? 0 : 1)].getRGB());
            }
        }
        return image;
    }

    /** The JPEG with an APP1 EXIF segment right after SOI, holding one IFD0 entry: Orientation. */
    private static byte[] withExif(byte[] jpeg, int orientation, boolean motorola) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        if (motorola) {
            tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
                0, (byte) orientation, 0, 0, 0, 0, 0, 0});
        } else {
            tiff.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0,
                (byte) orientation, 0, 0, 0, 0, 0, 0, 0});
        }
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + exif.length + tiff.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length});
        out.writeBytes(exif);
        out.writeBytes(tiff.toByteArray());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
