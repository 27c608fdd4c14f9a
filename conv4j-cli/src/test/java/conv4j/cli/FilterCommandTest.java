package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.vision.models.Models;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FilterCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
        /** The error output is exactly one line that starts with the program name. */
        String errorLine() {
            assertTrue(err.startsWith("conv4j: "), err);
            assertEquals(1, err.lines().count(), err);
            return err.strip();
        }
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine(Models.registry());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A picture drawn with Java2D: a diagonal colour gradient with a dark disc, optionally with an alpha ramp. */
    private Path picture(String name, int width, int height, boolean alpha) throws IOException {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(250, 200, 40), width, height, new Color(20, 90, 230)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(30, 30, 30));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        if (alpha) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.getAlphaRaster().setSample(x, y, 0, (x * 255) / (width - 1));
                }
            }
        }
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        return file;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void theSizeLineOfAStridedFilterFollowsTheLecturesFormula() throws IOException {
        Path in = picture("photo.png", 451, 300, false);
        Path out = dir.resolve("edges.png");
        Run r = run("filter", "edge", in.toString(), out.toString(), "--stride", "2", "--padding", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("input 451 x 300, kernel 3 x 3, padding 1, stride 2 -> output 226 x 150\n"),
                r.out());
        assertTrue(r.out().contains("W' = floor((451 + 1 + 1 - 3) / 2) + 1 = 226"), r.out());
        BufferedImage written = ImageIO.read(out.toFile());
        assertEquals(226, written.getWidth());
        assertEquals(150, written.getHeight());
        assertEquals("", r.err());
    }

    @Test
    void validPaddingShrinksByTheKernelLessOne() throws IOException {
        Path in = picture("photo.png", 40, 30, false);
        Path out = dir.resolve("valid.png");
        Run r = run("filter", "gaussian", "--sigma", "1", "--size", "5", "--padding", "valid", in.toString(),
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("input 40 x 30, kernel 5 x 5, padding valid (0), stride 1 -> output 36 x 26"),
                r.out());
        assertEquals(36, ImageIO.read(out.toFile()).getWidth());
    }

    @Test
    void theIdentityWritesThePictureBackAndDarkenHalvesIt() throws IOException {
        Path in = picture("photo.png", 64, 48, false);
        Raster original = ImageIO.read(in.toFile()).getRaster();
        assertEquals(0, run("filter", "identity", in.toString(), dir.resolve("same.png").toString()).exitCode());
        assertEquals(0, run("filter", "darken", in.toString(), dir.resolve("dark.png").toString()).exitCode());
        Raster same = ImageIO.read(dir.resolve("same.png").toFile()).getRaster();
        Raster dark = ImageIO.read(dir.resolve("dark.png").toFile()).getRaster();
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                for (int b = 0; b < 3; b++) {
                    int v = original.getSample(x, y, b);
                    assertEquals(v, same.getSample(x, y, b), "identity at " + x + "," + y);
                    assertEquals(v / 2.0, dark.getSample(x, y, b), 0.5, "darken at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void aSamplePhotoCanBeTheInput() throws IOException {
        Path out = dir.resolve("cat.png");
        Run r = run("filter", "sharpen", "sample:chelsea", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("input 256 x 170, kernel 3 x 3, padding same (1), stride 1 -> output 256 x 170"),
                r.out());
        assertTrue(r.out().contains("cross-correlation"), r.out());
        assertEquals(256, ImageIO.read(out.toFile()).getWidth());
    }

    @Test
    void aKernelStringWithAScaleIsTheNamedGaussian() throws IOException {
        Path in = picture("photo.png", 50, 40, false);
        Run custom = run("filter", "--kernel", "1,2,1;2,4,2;1,2,1", "--scale", "0.0625", in.toString(),
                dir.resolve("custom.png").toString(), "--json");
        assertEquals(0, custom.exitCode(), custom.err());
        JsonNode json = new ObjectMapper().readTree(custom.out());
        assertEquals("--kernel x 0.0625", json.get("kernel").get("name").asText());
        assertEquals(0.25, json.get("kernel").get("rows").get(1).get(1).asDouble(), 0.0);
        assertEquals("replicate", json.get("border").asText());
        assertEquals(50, json.get("output").get("width").asInt());
        assertEquals(1, json.get("padding").get("left").asInt());
        assertEquals(0, run("filter", "gaussian", in.toString(), dir.resolve("named.png").toString()).exitCode());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("custom.png")),
                Files.readAllBytes(dir.resolve("named.png"))));
    }

    @Test
    void alphaIsKeptInAPngAndDroppedWithANoteInAJpeg() throws IOException {
        Path in = picture("clear.png", 32, 24, true);
        Raster original = ImageIO.read(in.toFile()).getRaster();
        Run png = run("filter", "sharpen", in.toString(), dir.resolve("out.png").toString());
        assertEquals(0, png.exitCode(), png.err());
        Raster kept = ImageIO.read(dir.resolve("out.png").toFile()).getRaster();
        assertEquals(4, kept.getNumBands());
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                assertEquals(original.getSample(x, y, 3), kept.getSample(x, y, 3), "alpha at " + x + "," + y);
            }
        }
        Run jpeg = run("filter", "sharpen", in.toString(), dir.resolve("out.jpg").toString());
        assertEquals(0, jpeg.exitCode(), jpeg.err());
        assertTrue(jpeg.out().contains("note: JPEG has no alpha channel: the picture was laid over white"),
                jpeg.out());
        BufferedImage back = ImageIO.read(dir.resolve("out.jpg").toFile());
        assertFalse(back.getColorModel().hasAlpha());
        assertEquals(3, back.getRaster().getNumBands());
    }

    @Test
    void listShowsEveryKernelWithItsMatrix() throws IOException {
        Run r = run("filter", "--list");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("edge (also outline): "), r.out());
        assertTrue(r.out().contains("  [-1 -1 -1]\n  [-1  8 -1]\n  [-1 -1 -1]\n"), r.out());
        assertTrue(r.out().contains("darken: "), r.out());
        JsonNode json = new ObjectMapper().readTree(run("filter", "--list", "--json").out());
        assertEquals(11, json.size());
        assertEquals("sharpen", json.get(2).get("name").asText());
        assertEquals("0,-1,0;-1,5,-1;0,-1,0", json.get(2).get("kernel").get("text").asText());
    }

    @Test
    void kernelStringMistakesAreBadUsageNamingRowColumnAndText() throws IOException {
        Path in = picture("photo.png", 20, 20, false);
        String out = dir.resolve("out.png").toString();
        Run ragged = run("filter", "--kernel", "1,2,3;4,5;7,8,9", in.toString(), out);
        assertEquals(2, ragged.exitCode());
        assertTrue(ragged.errorLine().startsWith("conv4j: --kernel: row 2 of the kernel has 2 numbers (\"4,5\"), row 1"
                + " has 3; a kernel is rectangular"), ragged.err());
        Run even = run("filter", "--kernel", "1,2;3,4", in.toString(), out);
        assertEquals(2, even.exitCode());
        assertTrue(even.errorLine().contains("the kernel is 2 x 2; it needs an odd number"), even.err());
        Run word = run("filter", "--kernel", "0,0,0;0,one,0;0,0,0", in.toString(), out);
        assertEquals(2, word.exitCode());
        assertTrue(word.errorLine().contains("row 2, column 2 of the kernel is \"one\", not a number"), word.err());
        assertEquals(List.of(in), files());
    }

    @Test
    void anUnknownKernelIsBadUsageListingTheKnownOnes() throws IOException {
        Path in = picture("photo.png", 20, 20, false);
        Run r = run("filter", "sobel", in.toString(), dir.resolve("out.png").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().startsWith("conv4j: unknown kernel 'sobel'; the named kernels are identity, edge,"),
                r.err());
        assertTrue(r.err().contains("top-sobel"), r.err());
        assertEquals(List.of(in), files());
    }

    @Test
    void anEmptyOrNonImageInputFailsInOneLineAndWritesNothing() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture\n");
        Path out = dir.resolve("out.png");
        Run a = run("filter", "sharpen", empty.toString(), out.toString());
        assertEquals(1, a.exitCode());
        assertEquals("conv4j: " + empty + " is empty (0 bytes), not an image", a.errorLine());
        Run b = run("filter", "sharpen", text.toString(), out.toString());
        assertEquals(1, b.exitCode());
        assertEquals("conv4j: " + text + " is not a PNG, JPEG, BMP or GIF image", b.errorLine());
        Run c = run("filter", "sharpen", dir.resolve("missing.png").toString(), out.toString());
        assertEquals(1, c.exitCode());
        assertTrue(c.errorLine().endsWith("missing.png does not exist"), c.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void thePixelLimitAppliesBeforeDecoding() throws IOException {
        Path huge = Files.write(dir.resolve("huge.png"), pngHeaderOnly(100_000, 100_000));
        Run r = run("filter", "sharpen", huge.toString(), dir.resolve("out.png").toString());
        assertEquals(1, r.exitCode());
        assertEquals("conv4j: " + huge + ": 100000 x 100000 pixels is more than the 40,000,000-pixel limit",
                r.errorLine());
        assertEquals(List.of(huge), files());
    }

    @Test
    void anOutputInAMissingFolderIsRefusedBeforeAnyWork() throws IOException {
        Path in = picture("photo.png", 20, 20, false);
        Path out = dir.resolve("nowhere").resolve("out.png");
        Run r = run("filter", "sharpen", in.toString(), out.toString());
        assertEquals(1, r.exitCode());
        assertEquals("conv4j: " + out + ": the folder " + out.getParent() + " does not exist", r.errorLine());
        assertEquals(List.of(in), files());
    }

    @Test
    void otherMistakesAreOneLineEach() throws IOException {
        Path in = picture("photo.png", 4, 3, false);
        String out = dir.resolve("out.png").toString();
        Run ext = run("filter", "sharpen", in.toString(), dir.resolve("out.bmp").toString());
        assertEquals(2, ext.exitCode());
        assertTrue(ext.errorLine().contains("the output must end in .png, .jpg or .jpeg"), ext.err());
        Run sample = run("filter", "sharpen", "sample:dog", out);
        assertEquals(2, sample.exitCode());
        assertTrue(sample.errorLine().contains("the samples are sample:chelsea, sample:astronaut, sample:coffee"),
                sample.err());
        Run count = run("filter", "sharpen", in.toString());
        assertEquals(2, count.exitCode());
        assertTrue(count.errorLine().contains("expected <kernel> <in> <out>"), count.err());
        Run both = run("filter", "sharpen", "--kernel", "1", in.toString(), out);
        assertEquals(2, both.exitCode());
        Run sigma = run("filter", "sharpen", "--sigma", "2", in.toString(), out);
        assertEquals(2, sigma.exitCode());
        assertTrue(sigma.errorLine().contains("--sigma and --size shape the gaussian and box-blur kernels"),
                sigma.err());
        Run border = run("filter", "sharpen", "--border", "wrap", in.toString(), out);
        assertEquals(2, border.exitCode());
        assertTrue(border.errorLine().contains("unknown border mode 'wrap'"), border.err());
        Run stride = run("filter", "sharpen", "--stride", "0", in.toString(), out);
        assertEquals(2, stride.exitCode());
        Run tooBig = run("filter", "gaussian", "--size", "5", "--padding", "valid", in.toString(), out);
        assertEquals(1, tooBig.exitCode());
        assertEquals("conv4j: the 5 x 5 kernel does not fit in the 4 x 3 picture with padding valid (4 x 3 padded)",
                tooBig.errorLine());
        assertEquals(List.of(in), files());
    }

    @Test
    void aPaddingThatWouldOutgrowMemoryIsOneLineBeforeAnyWork() throws IOException {
        Path out = dir.resolve("padded.png");
        Run r = run("filter", "edge", "sample:chelsea", out.toString(), "--padding", "9999");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("conv4j: padding 9999 makes the 256 x 170 picture 20254 x 20168 (408,482,672 pixels) before"
                + " filtering, more than the limit of 64,000,000 pixels; give a smaller padding", r.errorLine());
        assertFalse(Files.exists(out));
        assertEquals(0, run("filter", "edge", "sample:chelsea", out.toString(), "--padding", "99").exitCode());
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
        h.write(new byte[] {8, 2, 0, 0, 0});
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
