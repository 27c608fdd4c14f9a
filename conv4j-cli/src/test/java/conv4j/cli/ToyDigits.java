package conv4j.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A small MNIST-style dataset written as the four IDX files: 28 x 28 bytes, three classes a LeNet learns in a few
 * epochs (0: a horizontal bar, 1: a vertical bar, 2: a ring), drawn at random positions with noise.
 */
final class ToyDigits {
    private ToyDigits() {
    }

    static Path write(Path folder, int train, int test, long seed) throws IOException {
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(seed);
        writeSplit(folder, "train", train, random);
        writeSplit(folder, "t10k", test, random);
        return folder;
    }

    private static void writeSplit(Path folder, String prefix, int n, SplittableRandom random) throws IOException {
        ByteBuffer images = ByteBuffer.allocate(16 + n * 784);
        images.putInt(0x00000803).putInt(n).putInt(28).putInt(28);
        ByteBuffer labels = ByteBuffer.allocate(8 + n);
        labels.putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            labels.put((byte) label);
            byte[] pixels = draw(label, random);
            images.put(pixels);
        }
        Files.write(folder.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }

    private static byte[] draw(int label, SplittableRandom random) {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        int x = 8 + random.nextInt(6);
        int y = 8 + random.nextInt(6);
        switch (label) {
            case 0 -> g.fillRect(x - 4, y, 16, 4);
            case 1 -> g.fillRect(x, y - 4, 4, 16);
            default -> {
                g.setStroke(new java.awt.BasicStroke(3));
                g.drawOval(x - 3, y - 3, 12, 12);
            }
        }
        g.dispose();
        byte[] out = new byte[784];
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                int v = img.getRaster().getSample(c, r, 0) + random.nextInt(30);
                out[r * 28 + c] = (byte) Math.min(255, v);
            }
        }
        return out;
    }

    /** A picture a user might take of class 1: a dark vertical stroke on white paper, 200 x 300. */
    static Path verticalStrokePhoto(Path file) throws IOException {
        BufferedImage img = new BufferedImage(200, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 300);
        g.setColor(Color.BLACK);
        g.fillRect(80, 40, 30, 200);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        return Files.write(file, png.toByteArray());
    }
}
