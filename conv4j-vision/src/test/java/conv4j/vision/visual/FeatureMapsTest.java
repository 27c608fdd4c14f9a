package conv4j.vision.visual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.GlobalAvgPool2d;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.models.LeNet5;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureMapsTest {

    @Test
    void keepsWhatEachConvAndPoolLayerMadeInTheOrderTheyRan() {
        Rng rng = new Rng(7);
        Conv2d conv = new Conv2d(1, 5, 3, rng);
        MaxPool2d pool = new MaxPool2d(2);
        Sequential model = new Sequential(conv, new ReLU(), pool, new Flatten(), new Linear(5 * 3 * 3, 4, rng));
        Tensor x = Tensor.randn(Shape.of(1, 8, 8), rng, 1);

        FeatureMaps.Capture c = FeatureMaps.capture(model, x, FeatureMaps::isConvOrPool, 3);
        assertEquals(List.of("0", "2"), c.layers().stream().map(LayerMaps::name).toList());
        LayerMaps convMaps = c.layers().get(0);
        assertEquals(Shape.of(5, 6, 6), convMaps.shape());
        assertEquals(Shape.of(3, 6, 6), convMaps.maps().shape(), "only the first 3 maps are kept");
        // the kept maps are the conv layer's own output, run alone
        float[] alone = conv.predict(x.reshape(Shape.of(1, 1, 8, 8))).data();
        assertArrayEquals(Arrays.copyOf(alone, 3 * 36), convMaps.maps().data());
        assertEquals(Shape.of(5, 3, 3), c.layers().get(1).shape());
        assertSame(conv, c.firstConv());
        assertEquals("0", c.firstConvName());
        assertEquals(Shape.of(1, 4), c.output().shape());
        assertArrayEquals(model.predict(x.reshape(Shape.of(1, 1, 8, 8))).data(), c.output().data());
    }

    @Test
    void findsLayersDeepInTheTreeAndLeavesTheModelAsItWas() {
        Module lenet = LeNet5.create(10, new Rng(1));
        lenet.train();
        FeatureMaps.Capture c = FeatureMaps.capture(lenet, Tensor.zeros(1, 28, 28), FeatureMaps::isConvOrPool, 64);
        assertEquals(List.of("features.0", "features.2", "features.3", "features.5", "features.6"),
                c.layers().stream().map(LayerMaps::name).toList());
        assertEquals(Shape.of(120, 1, 1), c.layers().get(4).shape());
        assertEquals(64, c.layers().get(4).kept());
        assertEquals("features.0", c.firstConvName());
        assertTrue(lenet.isTraining(), "put back in training mode");
        // the hooks are gone: a second capture sees each layer once
        assertEquals(5, FeatureMaps.capture(lenet, Tensor.zeros(1, 28, 28), FeatureMaps::isConvOrPool, 1)
                .layers().size());
    }

    @Test
    void activationsCanBeKeptToo() {
        Module lenet = LeNet5.create(10, new Rng(1));
        FeatureMaps.Capture c = FeatureMaps.capture(lenet, Tensor.zeros(1, 28, 28),
                m -> FeatureMaps.isConvOrPool(m) || FeatureMaps.isActivation(m), 8);
        // features.7's ReLU runs on 120 x 1 x 1; the classifier's ReLU on a flat vector of 84
        assertEquals(List.of("features.0", "features.1", "features.2", "features.3", "features.4", "features.5",
                "features.6", "features.7", "classifier.1"), c.layers().stream().map(LayerMaps::name).toList());
        assertEquals(Shape.of(84), c.layers().get(8).shape());
    }

    @Test
    void aGlobalPoolsMapsAreOneNumberEach() {
        Rng rng = new Rng(2);
        Sequential model = new Sequential(new Conv2d(3, 4, 3, rng), new GlobalAvgPool2d());
        FeatureMaps.Capture c = FeatureMaps.capture(model, Tensor.randn(Shape.of(3, 6, 6), rng, 1),
                FeatureMaps::isConvOrPool, 64);
        LayerMaps pooled = c.layers().get(1);
        assertEquals(Shape.of(4), pooled.shape());
        assertEquals(Shape.of(4, 1, 1), pooled.maps().shape());
        assertArrayEquals(c.output().data(), pooled.maps().data());
    }
}
