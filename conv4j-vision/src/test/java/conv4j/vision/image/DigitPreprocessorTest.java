package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitPreprocessorTest {
    @TempDir
    Path dir;

    private final DigitPreprocessor digits = new DigitPreprocessor();

    /** A "1": a thick vertical stroke, off the centre of a 300 x 200 canvas. */
    private static final Consumer<Graphics2D> ONE = g -> g.fillRect(60, 30, 18, 110);
    /** A "0": an ellipse outline, off centre. */
    private static final Consumer<Graphics2D> ZERO = Pictures.ring(170, 40, 70, 110, 14f);

    @Test
    void blackOneOnWhiteBecomesMnistShaped() {
        Tensor t = preprocess(Pictures.canvas(300, 200, Color.WHITE, Color.BLACK, ONE), "one.png");
        assertEquals(Shape.of(1, 28, 28), t.shape());
        Box box = Box.of(t);
        // Everything outside the bounding box is exactly 0, so its size says the background is clean.
        assertEquals(20, box.height(), 1, "height " + box);
        assertEquals(Math.round(18 * 20 / 110f), box.width(), 1, "width " + box);
        assertCentredByMass(t);
        assertEquals(1f, max(t), "strokes reach full white");
        assertTrue(min(t) >= 0f);
    }

    @Test
    void whiteOnBlackGivesTheSameAsBlackOnWhite() {
        for (Consumer<Graphics2D> digit : java.util.List.of(ONE, ZERO)) {
            Tensor dark = preprocess(Pictures.canvas(300, 200, Color.WHITE, Color.BLACK, digit), "dark.png");
            Tensor light = preprocess(Pictures.canvas(300, 200, Color.BLACK, Color.WHITE, digit), "light.png");
            assertArrayEquals(dark.data(), light.data(), 1.5f / 255);
        }
    }

    @Test
    void aZeroKeepsItsShapeAndHole() {
        Tensor t = preprocess(Pictures.canvas(300, 200, Color.WHITE, Color.BLACK, ZERO), "zero.png");
        Box box = Box.of(t);
        assertEquals(20, box.height(), 1, box.toString());
        // The outline's outer size is (70 + 14) x (110 + 14).
        assertEquals(Math.round(84 * 20 / 124f), box.width(), 1, box.toString());
        assertCentredByMass(t);
        assertEquals(0f, t.get(0, 14, 14), "the hole of the 0 stays empty");
        assertEquals(1f, max(t));
    }

    @Test
    void aTinyDigitIsScaledUpToTwenty() {
        // An 8 x 8 "7": a top bar and a diagonal stroke, on a small canvas.
        BufferedImage image = Pictures.canvas(32, 24, Color.WHITE, Color.BLACK, g -> {
            g.fillRect(5, 4, 8, 2);
            g.fillRect(10, 6, 2, 6);
        });
        Tensor t = preprocess(image, "tiny.png");
        Box box = Box.of(t);
        assertEquals(20, box.height(), 1, box.toString());
        assertEquals(20, box.width(), 1, box.toString());
        assertEquals(1f, max(t));
    }

    @Test
    void aLopsidedDigitIsShiftedOnlyAsFarAsTheFieldAllows() {
        // A "T" with a heavy bar: its centre of mass sits so high that moving it to row 14 would push the bottom of
        // the stem out of the field; the shift stops at the edge instead, and no ink is lost.
        BufferedImage image = Pictures.canvas(200, 200, Color.WHITE, Color.BLACK, g -> {
            g.fillRect(50, 40, 100, 40);
            g.fillRect(97, 80, 6, 60);
        });
        Tensor t = preprocess(image, "tee.png");
        Box box = Box.of(t);
        assertEquals(20, box.height(), box.toString());
        assertEquals(27, box.bottom(), box.toString());
        assertTrue(centreOfMass(t)[0] < 13.5, "mass row " + centreOfMass(t)[0]);
    }

    @Test
    void aPhotoLikeDigitWithGreyPaperNoiseAndASpeckMatchesTheCleanOne() {
        Tensor clean = preprocess(Pictures.canvas(300, 200, Color.WHITE, Color.BLACK, ZERO), "clean.png");
        BufferedImage photo = Pictures.canvas(300, 200, new Color(180, 175, 165), new Color(70, 70, 80), ZERO);
        Random random = new Random(11);
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                int rgb = photo.getRGB(x, y);
                int n = (int) Math.round(random.nextGaussian() * 6);
                photo.setRGB(x, y, clip((rgb >> 16 & 0xff) + n) << 16 | clip((rgb >> 8 & 0xff) + n) << 8
                        | clip((rgb & 0xff) + n));
            }
        }
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(60, 60, 60));
        g.fillRect(20, 170, 3, 3);   // a speck of dust far from the digit
        g.dispose();
        Tensor t = preprocess(photo, "photo.jpg");
        assertCentredByMass(t);
        assertSimilar(clean, t);
    }

    @Test
    void aBigPhotoGivesWhatASmallOneGives() {
        Tensor small = preprocess(Pictures.canvas(300, 200, Color.WHITE, Color.BLACK, ZERO), "small.png");
        Tensor big = preprocess(Pictures.canvas(1800, 1200, Color.WHITE, Color.BLACK,
                Pictures.ring(1020, 240, 420, 660, 84f)), "big.png");
        assertCentredByMass(big);
        assertEquals(0f, big.get(0, 14, 14));
        assertSimilar(small, big);
    }

    @Test
    void colourAndTransparentPicturesWork() {
        Tensor reference = preprocess(Pictures.canvas(300, 200, Color.WHITE, Color.BLACK, ONE), "ref.png");
        Tensor blueOnYellow = preprocess(Pictures.canvas(300, 200, Color.YELLOW, Color.BLUE, ONE), "colour.png");
        assertArrayEquals(reference.data(), blueOnYellow.data(), 1.5f / 255);
        // Black strokes on a transparent canvas, as a drawing app saves them: transparent pixels are black too.
        BufferedImage drawing = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = drawing.createGraphics();
        g.setColor(Color.BLACK);
        ONE.accept(g);
        g.dispose();
        Tensor fromFile = digits.preprocess(Pictures.write(drawing, "png", dir.resolve("drawing.png")));
        assertArrayEquals(reference.data(), fromFile.data(), 1.5f / 255);
    }

    @Test
    void aBlankPictureHasNoDigit() {
        for (Color c : new Color[] {Color.WHITE, Color.BLACK, Color.GRAY}) {
            Path file = Pictures.write(Pictures.canvas(60, 40, c, c, g -> { }), "png", dir.resolve("blank.png"));
            ImageException e = assertThrows(ImageException.class, () -> digits.preprocess(file));
            assertEquals(file + ": no digit found: the image is blank", e.getMessage());
        }
        BufferedImage faint = Pictures.canvas(60, 40, Color.WHITE, Color.WHITE, g -> { });
        Random random = new Random(5);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 60; x++) {
                int v = 235 + random.nextInt(10);
                faint.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        Path file = Pictures.write(faint, "png", dir.resolve("paper.png"));
        ImageException e = assertThrows(ImageException.class, () -> digits.preprocess(file));
        assertTrue(e.getMessage().startsWith(file + ": no digit found: the image is blank ("), e.getMessage());
    }

    @Test
    void fileProblemsAreThoseOfTheLoader() {
        Path missing = dir.resolve("nothing.png");
        assertEquals(missing + " does not exist",
                assertThrows(ImageException.class, () -> digits.preprocess(missing)).getMessage());
    }

    private Tensor preprocess(BufferedImage image, String name) {
        return digits.preprocess(Pictures.write(image, "png", dir.resolve(name.replace(".jpg", ".png"))));
    }

    /**
     * The same digit up to the rounding of a pixel: boxes within a pixel in size, nearly every stroke pixel (at least
     * half white) of each within one pixel of a stroke pixel of the other, and ink masses within 20%.
     */
    private static void assertSimilar(Tensor expected, Tensor actual) {
        Box e = Box.of(expected);
        Box a = Box.of(actual);
        assertEquals(e.height(), a.height(), 1, e + " vs " + a);
        assertEquals(e.width(), a.width(), 1, e + " vs " + a);
        String pictures = "\n" + ascii(expected) + "\n" + ascii(actual);
        assertTrue(strokeShareNear(expected, actual) >= 0.95, "expected strokes missing" + pictures);
        assertTrue(strokeShareNear(actual, expected) >= 0.95, "extra strokes" + pictures);
        assertEquals(1, sum(actual) / sum(expected), 0.2, "ink mass" + pictures);
    }

    /** The share of the stroke pixels of {@code a} that have a stroke pixel of {@code b} at most one pixel away. */
    private static double strokeShareNear(Tensor a, Tensor b) {
        int strokes = 0;
        int near = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (a.get(0, y, x) < 0.5f) {
                    continue;
                }
                strokes++;
                boolean found = false;
                for (int dy = -1; dy <= 1 && !found; dy++) {
                    for (int dx = -1; dx <= 1 && !found; dx++) {
                        int ny = y + dy;
                        int nx = x + dx;
                        found = ny >= 0 && ny < 28 && nx >= 0 && nx < 28 && b.get(0, ny, nx) >= 0.5f;
                    }
                }
                near += found ? 1 : 0;
            }
        }
        return (double) near / strokes;
    }

    private static String ascii(Tensor t) {
        StringBuilder b = new StringBuilder();
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                b.append(" .:-=+*#%@".charAt(Math.min(9, (int) (t.get(0, y, x) * 10))));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void assertCentredByMass(Tensor t) {
        double[] c = centreOfMass(t);
        assertEquals(14, c[0], 1.0, "row of the centre of mass");
        assertEquals(14, c[1], 1.0, "column of the centre of mass");
    }

    /** In pixel-index coordinates (pixel (0, 0) is at 0, 0), as scipy's center_of_mass. */
    private static double[] centreOfMass(Tensor t) {
        double mass = 0;
        double row = 0;
        double column = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double v = t.get(0, y, x);
                mass += v;
                row += v * y;
                column += v * x;
            }
        }
        return new double[] {row / mass, column / mass};
    }

    private static float max(Tensor t) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : t.data()) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static float min(Tensor t) {
        float m = Float.POSITIVE_INFINITY;
        for (float v : t.data()) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double sum(Tensor t) {
        double s = 0;
        for (float v : t.data()) {
            s += v;
        }
        return s;
    }

    private static int clip(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** The bounding box of the non-zero pixels of a 1 x 28 x 28 tensor. */
    private record Box(int top, int bottom, int left, int right) {
        static Box of(Tensor t) {
            int top = 28;
            int bottom = -1;
            int left = 28;
            int right = -1;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    if (t.get(0, y, x) != 0f) {
                        top = Math.min(top, y);
                        bottom = Math.max(bottom, y);
                        left = Math.min(left, x);
                        right = Math.max(right, x);
                    }
                }
            }
            return new Box(top, bottom, left, right);
        }

        int height() {
            return bottom - top + 1;
        }

        int width() {
            return right - left + 1;
        }
    }
}
