package conv4j.bench;

import conv4j.kernels.Parallel;
import conv4j.tensor.Shape;
import conv4j.train.Batch;
import conv4j.train.DataLoader;
import conv4j.train.SampleTransform;
import conv4j.vision.data.ImageFolder;
import conv4j.vision.transforms.ClassificationPreset;
import conv4j.vision.transforms.Normalize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * How fast an image folder loads: writes N small JPEGs (three class folders of shapes on noise) into a temporary
 * folder, then measures, several rounds in one JVM, (a) building an {@link ImageFolder} (decode, resize to the preset's
 * size, keep in memory) and (b) epochs through a {@link DataLoader} with random crops, flips and normalisation, once
 * from memory and once reading every file again (cache bound 0). Prints images/s per round and the median.
 * Arguments: [images (default 2000)] [width (128)] [height (96)] [input side (64)] [rounds (5)].
 */
public final class FolderLoading {
    private FolderLoading() {
    }

    public static void main(String[] args) throws IOException {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 96;
        int side = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        Path root = Files.createTempDirectory("conv4j-folder-bench");
        try {
            write(root, images, width, height);
            ClassificationPreset preset = ClassificationPreset.of(Shape.of(3, side, side));
            System.out.printf(Locale.ROOT, "%,d JPEGs of %d x %d (%,d bytes in all), input 3x%dx%d from %dx%d, "
                    + "%d threads%n", images, width, height, bytes(root), side, side, preset.resizeHeight(),
                    preset.resizeWidth(), Parallel.threads());
            SampleTransform augment = preset.randomCrop().andThen(new Normalize(new float[] {0.5f, 0.5f, 0.5f},
                    new float[] {0.25f, 0.25f, 0.25f}));
            List<Double> build = new ArrayList<>();
            List<Double> cached = new ArrayList<>();
            List<Double> uncached = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                ImageFolder kept = ImageFolder.builder(root).transform(preset.resize()).build();
                build.add(rate(kept.size(), t0));
                t0 = System.nanoTime();
                epoch(kept, augment, r);
                cached.add(rate(kept.size(), t0));
                ImageFolder reread = ImageFolder.builder(root).transform(preset.resize()).cacheBytes(0).build();
                t0 = System.nanoTime();
                epoch(reread, augment, r);
                uncached.add(rate(reread.size(), t0));
                System.out.printf(Locale.ROOT, "round %d: build %,.0f images/s, epoch from memory %,.0f images/s, "
                        + "epoch reading the files %,.0f images/s%n", r + 1, build.get(r), cached.get(r),
                        uncached.get(r));
            }
            System.out.printf(Locale.ROOT, "median: build (decode + resize + keep, on the pool) %,.0f images/s; "
                    + "epoch from memory %,.0f images/s; epoch reading the files (one loader thread) %,.0f images/s%n",
                    median(build), median(cached), median(uncached));
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void epoch(ImageFolder data, SampleTransform transform, int epoch) {
        DataLoader loader = new DataLoader(data, 64, true, false, transform, 1);
        try (DataLoader.Epoch e = loader.epoch(epoch)) {
            while (e.hasNext()) {
                Batch b = e.next();
                if (b.labels().length == 0) {
                    throw new IllegalStateException("empty batch");
                }
            }
        }
    }

    private static double rate(int n, long start) {
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long bytes(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void write(Path root, int images, int width, int height) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        Color[] colours = {new Color(20, 40, 230), new Color(30, 210, 40), new Color(230, 30, 20)};
        for (int i = 0; i < images; i++) {
            int c = i % 3;
            Path folder = Files.createDirectories(root.resolve("class" + c));
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int v = 100 + random.nextInt(40);
                    img.setRGB(x, y, v << 16 | v << 8 | v);
                }
            }
            Graphics2D g = img.createGraphics();
            int s = Math.min(width, height) / 2 + random.nextInt(Math.min(width, height) / 4);
            g.setColor(colours[c]);
            g.fillOval(random.nextInt(width - s + 1), random.nextInt(height - s + 1), s, s);
            g.dispose();
            ImageIO.write(img, "jpeg", folder.resolve(i + ".jpg").toFile());
        }
    }
}
