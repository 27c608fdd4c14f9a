package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Module;
import conv4j.nn.Sequential;
import conv4j.nn.Summary;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeNet5Test {

    @Test
    void hasTheLecturesParameterCount() {
        // SEED-EXAMPLES section 12: (5*5*1+1)*6 + (5*5*6+1)*16 + (5*5*16+1)*120 + (120+1)*84 + (84+1)*10
        assertEquals(156 + 2_416 + 48_120 + 10_164 + 850, 61_706);
        assertEquals(61_706, LeNet5.create(10, new Rng(0)).parameterCount());
        assertEquals(61_706, Models.create("lenet5", new Rng(0)).parameterCount());
    }

    @Test
    void takesColourInputsOfOtherSizes() {
        // 3 x 32 x 32: C1 (5*5*3+1)*6, C3 as before, C5 puts out 120 x 2 x 2, so F6 takes 480 values.
        Module net = Models.create("lenet5", 10, Shape.of(3, 32, 32), new Rng(0));
        assertEquals(456 + 2_416 + 48_120 + (480 + 1) * 84 + 850, net.parameterCount());
        assertEquals(Shape.of(2, 10), net.outputShape(Shape.of(2, 3, 32, 32)));
    }

    @Test
    void refusesAnInputTooSmallNamingTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.create("lenet5", 10, Shape.of(1, 8, 8), new Rng(0)));
        assertTrue(e.getMessage().contains("features."), e.getMessage());
    }

    @Test
    void layersHaveTheLecturesSizes() {
        Sequential net = LeNet5.create(10, new Rng(0));
        Map<String, Shape> expected = new LinkedHashMap<>();
        expected.put("features.0", Shape.of(1, 6, 28, 28));   // C1
        expected.put("features.2", Shape.of(1, 6, 14, 14));   // S2
        expected.put("features.3", Shape.of(1, 16, 10, 10));  // C3
        expected.put("features.5", Shape.of(1, 16, 5, 5));    // S4
        expected.put("features.6", Shape.of(1, 120, 1, 1));   // C5
        expected.put("classifier.0", Shape.of(1, 84));        // F6
        expected.put("classifier.2", Shape.of(1, 10));        // output
        Summary s = Summary.of(net, Shape.of(1, 28, 28));
        Map<String, Shape> actual = new LinkedHashMap<>();
        for (Summary.Row row : s.rows()) {
            if (expected.containsKey(row.name())) {
                actual.put(row.name(), row.outputShape());
            }
        }
        assertEquals(expected, actual);
        assertEquals(61_706, s.totals().parameters());
    }

    @Test
    void theLecturesNamesAreItsSevenLayers() {
        // The lecture: C1 convolution 6@5x5, S2 2x2 pooling, C3 16@5x5, S4 2x2 pooling, C5 120@5x5, F6 84 fully
        // connected, then the output layer of 10 classes.
        Map<String, String> lecture = new LinkedHashMap<>();
        lecture.put("features.0", "C1 Conv2d(1, 6, kernel 5x5, padding 2)");
        lecture.put("features.2", "S2 MaxPool2d(2)");
        lecture.put("features.3", "C3 Conv2d(6, 16, kernel 5x5)");
        lecture.put("features.5", "S4 MaxPool2d(2)");
        lecture.put("features.6", "C5 Conv2d(16, 120, kernel 5x5)");
        lecture.put("classifier.0", "F6 Linear(120, 84)");
        lecture.put("classifier.2", "output Linear(84, 10)");
        Sequential net = LeNet5.create(10, new Rng(0));
        Map<String, String> actual = new LinkedHashMap<>();
        LeNet5.LECTURE_NAMES.forEach((path, name) -> actual.put(path, name + " " + net.modules().stream()
                .filter(m -> m.path().equals(path)).findFirst().orElseThrow().describe()));
        assertEquals(lecture, actual);
    }

    @Test
    void classifiesABatch() {
        Module net = LeNet5.create(10, new Rng(1));
        Tensor out = net.predict(Tensor.randn(Shape.of(3, 1, 28, 28), new Rng(2), 1));
        assertEquals(Shape.of(3, 10), out.shape());
    }

    @Test
    void otherInputSizesAreRefusedNamingTheLayer() {
        Module net = LeNet5.create(10, new Rng(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.outputShape(Shape.of(1, 1, 32, 32)));
        assertTrue(e.getMessage().contains("classifier.0") && e.getMessage().contains("480"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.outputShape(Shape.of(1, 1, 8, 8)));
        assertTrue(e.getMessage().contains("features.3"), e.getMessage());
    }
}
