package conv4j.vision.visual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class EnlargeTest {
    @Test
    void everyPixelBecomesASquareWithItsExactLevel() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        grey.getRaster().setSample(1, 0, 0, 200);
        BufferedImage big = Enlarge.nearest(grey, 3);
        assertEquals(6, big.getWidth());
        assertEquals(3, big.getHeight());
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 6; x++) {
                assertEquals(x < 3 ? 100 : 200, big.getRaster().getSample(x, y, 0), x + ", " + y);
            }
        }
        assertEquals(8, Enlarge.factor(28, 20, 224));
        assertEquals(1, Enlarge.factor(300, 20, 224));
    }
}
