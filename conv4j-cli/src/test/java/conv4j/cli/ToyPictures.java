package conv4j.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A small image folder as a user would have: 32 x 32 PNGs in three class folders that a LeNet tells apart in a few
 * steps (red squares, green circles, blue circles), drawn at random sizes and places on a noisy grey background.
 */
final class ToyPictures {
    static final String[] CLASSES = {"blue-circle", "green-circle", "red-square"};

    private ToyPictures() {
    }

    /** {@code perClass} pictures of each class under {@code root/<class>/}. */
    static Path write(Path root, int perClass, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < CLASSES.length; c++) {
            Path folder = Files.createDirectories(root.resolve(CLASSES[c]));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(draw(c, 32, 32, random), "png", folder.resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    static BufferedImage draw(int label, int width, int height, SplittableRandom random) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = 100 + random.nextInt(40);
                img.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        Graphics2D g = img.createGraphics();
        int size = Math.min(width, height) / 2 + random.nextInt(Math.min(width, height) / 4);
        int x = random.nextInt(width - size + 1);
        int y = random.nextInt(height - size + 1);
        switch (label) {
            case 0 -> {
                g.setColor(new Color(20, 40, 230));
                g.fillOval(x, y, size, size);
            }
            case 1 -> {
                g.setColor(new Color(30, 210, 40));
                g.fillOval(x, y, size, size);
            }
            default -> {
                g.setColor(new Color(230, 30, 20));
                g.fillRect(x, y, size, size);
            }
        }
        g.dispose();
        return img;
    }

    /** A photo a user might take of class {@code label}: 200 x 150, saved as JPEG. */
    static Path photo(Path file, int label) throws IOException {
        ImageIO.write(draw(label, 200, 150, new SplittableRandom(99)), "jpeg", file.toFile());
        return file;
    }
}
