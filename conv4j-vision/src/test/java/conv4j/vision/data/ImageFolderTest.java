package conv4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import conv4j.train.Sample;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.transforms.Resize;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path root;

    private final List<String> warnings = new ArrayList<>();
    private final ImageFolder.Listener collect = new ImageFolder.Listener() {
        @Override
        public void warning(String line) {
            warnings.add(line);
        }
    };

    private static final Color RED = new Color(255, 0, 0);
    private static final Color GREEN = new Color(0, 255, 0);
    private static final Color BLUE = new Color(0, 0, 255);

    private String message(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void classesAreTheSortedSubFoldersAndLabelsFollowThem() {
        FolderPictures.write(root, "owl/1.png", FolderPictures.solid(8, 8, BLUE));
        FolderPictures.write(root, "cat/b.png", FolderPictures.solid(8, 8, RED));
        FolderPictures.write(root, "cat/a.bmp", FolderPictures.solid(8, 8, RED));
        FolderPictures.write(root, "cat/2019/c.gif", FolderPictures.solid(8, 8, RED));
        FolderPictures.write(root, "dog/x.JPG", FolderPictures.solid(8, 8, GREEN));
        FolderPictures.text(root, "dog/notes.txt", "not a picture");
        FolderPictures.text(root, "dog/.DS_Store", "hidden");
        FolderPictures.write(root, ".ipynb_checkpoints/z.png", FolderPictures.solid(8, 8, BLUE));
        ImageFolder data = ImageFolder.builder(root).listener(collect).build();

        assertEquals(List.of("cat", "dog", "owl"), data.classNames());
        assertEquals(5, data.size());
        assertEquals(List.of("cat/2019/c.gif", "cat/a.bmp", "cat/b.png", "dog/x.JPG", "owl/1.png"),
                java.util.stream.IntStream.range(0, 5).mapToObj(i -> root.relativize(data.file(i)).toString())
                        .toList());
        assertArrayEquals(new int[] {0, 0, 0, 1, 2},
                java.util.stream.IntStream.range(0, 5).map(data::label).toArray());
        assertEquals(Shape.of(3, 8, 8), data.sampleShape());
        assertEquals(1, data.otherFiles(), "notes.txt; the hidden file is not counted");
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void picturesBecomeRgbOrGreyValuesInZeroToOne() {
        FolderPictures.write(root, "red/r.png", FolderPictures.solid(4, 3, RED));
        FolderPictures.write(root, "grey/g.png", FolderPictures.solid(4, 3, new Color(51, 51, 51)));
        ImageFolder rgb = ImageFolder.builder(root).build();
        Sample red = rgb.get(1);
        assertEquals(1, red.label());
        assertEquals(Shape.of(3, 3, 4), red.input().shape());
        float[] expected = new float[36];
        Arrays.fill(expected, 0, 12, 1f);
        assertArrayEquals(expected, red.input().data());
        float[] grey = rgb.get(0).input().data();
        for (float v : grey) {
            assertEquals(0.2f, v, 1e-6f); // 51 / 255
        }

        ImageFolder luma = ImageFolder.builder(root).channels(1).build();
        assertEquals(Shape.of(1, 3, 4), luma.sampleShape());
        for (float v : luma.get(1).input().data()) {
            assertEquals(76 / 255f, v, 1e-6f); // BT.601: 0.299 * 255 = 76.2, stored as a byte
        }
    }

    @Test
    void theTransformGivesEveryPictureTheSameShape() {
        FolderPictures.write(root, "a/wide.png", FolderPictures.solid(40, 20, RED));
        FolderPictures.write(root, "b/tall.jpg", FolderPictures.solid(15, 30, BLUE));
        String m = message(() -> ImageFolder.builder(root).build());
        assertTrue(m.contains("wide.png") && m.contains("tall.jpg") && m.contains("one size"), m);

        ImageFolder data = ImageFolder.builder(root).transform(Resize.to(6, 5)).build();
        assertEquals(Shape.of(3, 6, 5), data.sampleShape());
        assertEquals(Shape.of(3, 6, 5), data.get(1).input().shape());
    }

    @Test
    void anUnreadableImageIsSkippedWithAWarningNamingIt() throws IOException {
        for (int i = 0; i < 3; i++) {
            FolderPictures.write(root, "cat/" + i + ".png", FolderPictures.solid(8, 8, RED));
            FolderPictures.write(root, "dog/" + i + ".png", FolderPictures.solid(8, 8, BLUE));
        }
        FolderPictures.text(root, "cat/broken.png", "a download that went wrong");
        Path jpeg = FolderPictures.write(root, "dog/cut.jpg", FolderPictures.solid(64, 64, GREEN));
        byte[] bytes = Files.readAllBytes(jpeg);
        Files.write(jpeg, Arrays.copyOf(bytes, bytes.length / 2));

        ImageFolder data = ImageFolder.builder(root).listener(collect).build();
        assertEquals(6, data.size());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("skipped an unreadable image: " + root.resolve("cat/broken.png")),
                warnings.get(0));
        assertTrue(warnings.get(1).contains("cut.jpg"), warnings.get(1));
        assertEquals(2, data.skipped().size());
        for (int i = 0; i < data.size(); i++) {
            assertTrue(!data.file(i).toString().contains("broken") && !data.file(i).toString().contains("cut"));
        }
    }

    @Test
    void aClassFolderWithNoImagesIsAnErrorNamingIt() throws IOException {
        FolderPictures.write(root, "cat/1.png", FolderPictures.solid(8, 8, RED));
        Files.createDirectories(root.resolve("dog"));
        assertEquals("class folder " + root.resolve("dog") + " has no images (PNG, JPEG, BMP or GIF)",
                message(() -> ImageFolder.builder(root).build()));

        FolderPictures.text(root, "dog/1.webp", "RIFF");
        String m = message(() -> ImageFolder.builder(root).build());
        assertTrue(m.endsWith("; it holds 1 other file, such as 1.webp"), m);
    }

    @Test
    void aClassWhoseImagesAreAllUnreadableIsAnError() {
        FolderPictures.write(root, "cat/1.png", FolderPictures.solid(8, 8, RED));
        FolderPictures.text(root, "dog/1.png", "text");
        FolderPictures.text(root, "dog/2.png", "more text");
        String m = message(() -> ImageFolder.builder(root).build());
        assertTrue(m.startsWith("class folder " + root.resolve("dog") + " has no readable images: all 2 failed, "
                + "the first: " + root.resolve("dog/1.png")), m);
    }

    @Test
    void thePixelLimitApplies() {
        FolderPictures.write(root, "cat/small.png", FolderPictures.solid(4, 4, RED));
        FolderPictures.write(root, "cat/large.png", FolderPictures.solid(40, 40, RED));
        ImageFolder data = ImageFolder.builder(root).loader(new ImageLoader(100)).transform(Resize.to(4, 4))
                .listener(collect).build();
        assertEquals(1, data.size());
        assertTrue(warnings.get(0).contains("large.png") && warnings.get(0).contains("100-pixel limit"),
                warnings.toString());
    }

    @Test
    void aStripThatAResizeWouldBlowUpCostsThatPictureOnly() throws IOException {
        FolderPictures.write(root, "cat/square.png", FolderPictures.solid(40, 40, RED));
        // 1 x 400000 pixels, under a kilobyte as a PNG: resized to a shorter side of 256 it would be 256 x 102400000
        Path strip = FolderPictures.write(root, "cat/strip.png", FolderPictures.solid(400_000, 1, RED));
        assertTrue(Files.size(strip) < 4096, Files.size(strip) + " bytes");
        ImageFolder data = ImageFolder.builder(root).transform(Resize.shorterSide(256)
                .andThen(new conv4j.vision.transforms.CenterCrop(256, 256))).listener(collect).build();
        assertEquals(1, data.size());
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("skipped an unreadable image: " + strip + ": a 1 x 400000 picture resized to a shorter side of "
                + "256 would be 26,214,400,000 pixels, over the limit of 40,000,000; its sides are too unequal",
                warnings.get(0));
    }

    @Test
    void linkedClassFoldersAndSubFoldersAreFollowedAndALoopIsNamed(@TempDir Path elsewhere) throws IOException {
        FolderPictures.write(elsewhere, "cats/1.png", FolderPictures.solid(8, 8, RED));
        FolderPictures.write(elsewhere, "cats/2.png", FolderPictures.solid(8, 8, RED));
        FolderPictures.write(elsewhere, "more-dogs/3.png", FolderPictures.solid(8, 8, BLUE));
        FolderPictures.write(root, "dog/1.png", FolderPictures.solid(8, 8, BLUE));
        Files.createSymbolicLink(root.resolve("cat"), elsewhere.resolve("cats"));
        Files.createSymbolicLink(root.resolve("dog/extra"), elsewhere.resolve("more-dogs"));
        ImageFolder data = ImageFolder.builder(root).build();
        assertEquals(List.of("cat", "dog"), data.classNames());
        assertEquals(4, data.size(), "two cats through the linked class folder, two dogs with the linked sub-folder");

        Files.createSymbolicLink(root.resolve("dog/loop"), root.resolve("dog"));
        String m = message(() -> ImageFolder.builder(root).build());
        assertEquals(root.resolve("dog") + " cannot be read: the link " + root.resolve("dog/loop")
                + " leads back to a folder above it", m);
    }

    @Test
    void aBadRootIsAClearError() throws IOException {
        Path missing = root.resolve("nowhere");
        assertEquals(missing + " does not exist", message(() -> ImageFolder.builder(missing).build()));

        Path file = FolderPictures.text(root, "file.png", "x");
        assertTrue(message(() -> ImageFolder.builder(file).build()).startsWith(file + " is a file, not a folder"));

        Path empty = Files.createDirectories(root.resolve("empty"));
        assertTrue(message(() -> ImageFolder.builder(empty).build()).startsWith(empty + " is empty; an image folder "
                + "holds one sub-folder of images per class"));

        Path flat = root.resolve("flat");
        FolderPictures.write(flat, "1.png", FolderPictures.solid(8, 8, RED));
        assertTrue(message(() -> ImageFolder.builder(flat).build()).startsWith(flat
                + " holds images but no class folders"));

        Path notes = root.resolve("notes");
        FolderPictures.text(notes, "readme.txt", "x");
        assertTrue(message(() -> ImageFolder.builder(notes).build()).startsWith(notes + " has no class folders"));
    }

    @Test
    void givenClassesLabelByThemAndRefuseAnUnknownFolder() {
        FolderPictures.write(root, "dog/1.png", FolderPictures.solid(8, 8, BLUE));
        ImageFolder data = ImageFolder.builder(root).classes(List.of("cat", "dog", "owl")).build();
        assertEquals(List.of("cat", "dog", "owl"), data.classNames());
        assertEquals(1, data.label(0));

        FolderPictures.write(root, "emu/1.png", FolderPictures.solid(8, 8, BLUE));
        assertEquals("class folder " + root.resolve("emu") + " is not one of the 3 classes expected (cat, dog, owl)",
                message(() -> ImageFolder.builder(root).classes(List.of("cat", "dog", "owl")).build()));
    }

    @Test
    void keptPicturesNeedNoFileAndUnkeptOnesAreReadAgainTheSame() throws IOException {
        for (int i = 0; i < 5; i++) {
            FolderPictures.write(root, "a/" + i + ".jpg", FolderPictures.solid(20 + i, 16, new Color(40 * i, 90, 7)));
        }
        ImageFolder kept = ImageFolder.builder(root).transform(Resize.to(7, 9)).build();
        ImageFolder reread = ImageFolder.builder(root).transform(Resize.to(7, 9)).cacheBytes(0).build();
        ImageFolder some = ImageFolder.builder(root).transform(Resize.to(7, 9)).cacheBytes(2 * 3 * 7 * 9).build();
        assertEquals(5, kept.keptInMemory());
        assertEquals(0, reread.keptInMemory());
        assertEquals(2, some.keptInMemory());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(kept.get(i).input().data(), reread.get(i).input().data());
            assertArrayEquals(kept.get(i).input().data(), some.get(i).input().data());
        }

        Files.delete(kept.file(3));
        assertEquals(Shape.of(3, 7, 9), kept.get(3).input().shape(), "held in memory");
        String m = message(() -> reread.get(3));
        assertTrue(m.startsWith(reread.file(3).toString()), m);
    }
}
