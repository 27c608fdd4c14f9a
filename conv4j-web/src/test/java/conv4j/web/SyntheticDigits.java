package conv4j.web;

import conv4j.io.ModelFile;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.Dataset;
import conv4j.train.TensorDataset;
import conv4j.vision.data.MnistVariant;
import conv4j.vision.image.DigitPreprocessor;
import conv4j.vision.image.ImageMode;
import conv4j.vision.image.ImageTensors;
import conv4j.vision.models.Models;
import conv4j.vision.training.PixelStatistics;
import conv4j.vision.training.TrainingPlan;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Digits as a person draws them on the lab's canvas, rendered in Java: black strokes of round pen on a white
 * 280 x 280 field, at random places, sizes, slants and pen widths. A "0" is an oval, a "1" a near-vertical stroke, a
 * "7" a bar with a long diagonal. Prepared by the same {@link DigitPreprocessor} as uploads, they teach a LeNet-5 to
 * read these three digits in a few hundred steps: the tests get a model that reads drawn digits without MNIST.
 */
final class SyntheticDigits {
    static final int FIELD = 280;
    static final int[] DIGITS = {0, 1, 7};
    private static Path model;

    private SyntheticDigits() {
    }

    static BufferedImage draw(int digit, SplittableRandom r) {
        BufferedImage image = new BufferedImage(FIELD, FIELD, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, FIELD, FIELD);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(12 + r.nextInt(14), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double cx = FIELD / 2.0 + r.nextInt(-40, 41);
        double cy = FIELD / 2.0 + r.nextInt(-40, 41);
        double height = 110 + r.nextInt(90);
        switch (digit) {
            case 0 -> {
                double width = height * (0.5 + 0.35 * r.nextDouble());
                g.draw(new Ellipse2D.Double(cx - width / 2, cy - height / 2, width, height));
            }
            case 1 -> {
                double slant = r.nextInt(-20, 21);
                Path2D.Double stroke = new Path2D.Double();
                stroke.moveTo(cx + slant / 2, cy - height / 2);
                stroke.lineTo(cx - slant / 2, cy + height / 2);
                g.draw(stroke);
            }
            case 7 -> {
                double width = height * (0.5 + 0.3 * r.nextDouble());
                Path2D.Double stroke = new Path2D.Double();
                stroke.moveTo(cx - width / 2, cy - height / 2);
                stroke.lineTo(cx + width / 2, cy - height / 2);
                stroke.lineTo(cx - width * (0.1 + 0.2 * r.nextDouble()), cy + height / 2);
                g.draw(stroke);
            }
            default -> throw new IllegalArgumentException("no drawing for digit " + digit);
        }
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code n} drawings prepared as 1 x 28 x 28 MNIST-style digits, the three digits in turn. */
    static Dataset dataset(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DigitPreprocessor prepare = new DigitPreprocessor();
        float[] pixels = new float[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int digit = DIGITS[i % DIGITS.length];
            Tensor grey = ImageTensors.toTensor(draw(digit, r), ImageMode.GREY);
            Tensor x = prepare.preprocess(grey, "drawing " + i);
            System.arraycopy(x.data(), 0, pixels, i * 784, 784);
            labels[i] = digit;
        }
        return new TensorDataset(new Tensor(Shape.of(n, 1, 28, 28), pixels), labels,
                MnistVariant.MNIST.classNames());
    }

    /**
     * An MNIST-style dataset of drawings in {@code folder}: the four IDX files (raw, not gzipped), as a cache folder
     * holds any IDX dataset the dashboard may train on.
     */
    static Path writeIdx(Path folder, int train, int test, long seed) throws IOException {
        Files.createDirectories(folder);
        writeSplit(folder, "train", dataset(train, seed));
        writeSplit(folder, "t10k", dataset(test, seed + 1));
        return folder;
    }

    private static void writeSplit(Path folder, String prefix, Dataset data) throws IOException {
        int n = data.size();
        ByteBuffer images = ByteBuffer.allocate(16 + n * 784).putInt(0x00000803).putInt(n).putInt(28).putInt(28);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            for (float v : data.get(i).input().data()) {
                images.put((byte) Math.round(255 * v));
            }
            labels.put((byte) data.get(i).label());
        }
        Files.write(folder.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }

    /**
     * A LeNet-5 (ten classes, MNIST's normalisation) trained on drawings of 0, 1 and 7, saved once per test run; about
     * 200 steps of Adam.
     */
    static synchronized Path model() {
        if (model != null) {
            return model;
        }
        try {
            Path dir = Files.createTempDirectory("conv4j-web-test-model");
            dir.toFile().deleteOnExit();
            WebDatasets.Loaded data = new WebDatasets.Loaded("drawn digits", dataset(900, 11), dataset(150, 12),
                    new PixelStatistics(MnistVariant.MNIST.mean(), MnistVariant.MNIST.std()));
            TrainingPlan plan = new TrainingPlan("lenet5", 7, 32, "adam", 0.002, 0.9, 0, false, 3);
            TrainingJob.Outcome outcome = new TrainingJob(plan, data, Models.registry(), List.of()).run();
            if (outcome.test().accuracy() < 0.95) {
                throw new IllegalStateException("the test model reads only " + outcome.test().accuracy()
                        + " of the drawn digits");
            }
            Path file = dir.resolve("drawn-digits.safetensors");
            ModelFile.save(file, outcome.network(), outcome.info());
            file.toFile().deleteOnExit();
            model = file;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
