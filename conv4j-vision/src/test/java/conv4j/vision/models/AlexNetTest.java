package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Module;
import conv4j.nn.Summary;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlexNetTest {

    @Test
    void torchvisionsSingleTowerHasItsParameterCount() {
        Module m = Models.create("alexnet", new Rng(0));
        assertEquals(61_100_840, m.parameterCount()); // SEED-EXAMPLES section 12
        assertEquals(Shape.of(1, 256, 6, 6), Summary.of(m, Shape.of(3, 224, 224)).rows().stream()
                .filter(r -> r.name().equals("features.12")).findFirst().orElseThrow().outputShape());
    }

    @Test
    void thePapersLayoutHasCaffesParameterCountAndItsNormalisation() {
        // Caffe's reference AlexNet, two groups in conv2, conv4 and conv5: 60,965,224 parameters on 227 x 227
        Module m = Models.create("alexnet-lrn", new Rng(0));
        assertEquals(60_965_224, m.parameterCount());
        Summary s = Summary.of(m, Shape.of(3, 227, 227));
        List<String> lrn = s.rows().stream().filter(r -> r.layer().startsWith("LocalResponseNorm"))
                .map(r -> r.name() + " " + r.outputShape()).toList();
        assertEquals(List.of("features.2 1x96x55x55", "features.6 1x256x27x27"), lrn);
        assertTrue(s.rows().stream().anyMatch(r -> r.layer().equals("Conv2d(96, 256, kernel 5x5, padding 2, "
                + "groups 2)")));
    }
}
