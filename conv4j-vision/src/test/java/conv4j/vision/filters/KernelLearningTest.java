package conv4j.vision.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Tensor;
import conv4j.vision.image.ImageMode;
import conv4j.vision.image.ImageTensors;
import conv4j.vision.samples.SampleImages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelLearningTest {
    /**
     * Half a grey level spread over the 9 weights of a 3 x 3 kernel: a kernel this close to the true one gives every
     * 8-bit output within half a level of the true output, so the two filtered pictures round to the same bytes.
     */
    private static final double SAME_PICTURE = 0.5 / (255 * 9);

    @Test
    void yIsTheLecturesEdgeMap() {
        Tensor y = KernelLearning.corr2d(KernelLearning.edgeImage(), KernelLearning.edgeKernel());
        assertEquals(6, y.dim(0));
        assertEquals(7, y.dim(1));
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 7; c++) {
                assertEquals(new float[] {0, 1, 0, 0, 0, -1, 0}[c], y.get(r, c), 0f, r + "," + c);
            }
        }
    }

    @Test
    void theLecturesDemoLearnsOneMinusOneWithPlainGradientDescent() {
        Tensor x = KernelLearning.edgeImage();
        Tensor y = KernelLearning.corr2d(x, KernelLearning.edgeKernel());
        for (long seed = 0; seed < 5; seed++) {
            KernelLearning learning = new KernelLearning(x, y, 1, 2, new Rng(seed));
            List<KernelLearning.Step> seen = new ArrayList<>();
            KernelLearning.Step last = learning.run(new Sgd(learning.parameters(), 3e-2), 30, 2, seen::add);
            assertEquals(16, seen.size());
            assertEquals(30, last.step());
            assertEquals(1, last.kernel()[0], 0.05, "seed " + seed);
            assertEquals(-1, last.kernel()[1], 0.05, "seed " + seed);
            assertTrue(last.loss() < seen.get(0).loss() / 100, "seed " + seed + ": loss " + last.loss());
            assertArrayEquals(last.kernel(), learning.kernel());
        }
    }

    @Test
    void aGaussianIsLearnedFromTheCatWithinHalfAGreyLevel() {
        Tensor grey = ImageTensors.convert(SampleImages.load("chelsea"), ImageMode.GREY);
        ImageKernel truth = Kernels.named("gaussian").kernel();
        KernelLearning learning = KernelLearning.ofPhoto(grey.reshape(grey.dim(1), grey.dim(2)), truth, true,
                new Rng(0));
        KernelLearning.Step last = learning.run(new Sgd(learning.parameters(), 1.5 / learning.curvatureBound()),
                400, 400, s -> { });
        double[] expected = truth.values();
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i], last.kernel()[i], SAME_PICTURE, "weight " + i);
        }
    }

    @Test
    void aSobelIsLearnedToo() {
        Tensor grey = ImageTensors.convert(SampleImages.load("coffee"), ImageMode.GREY);
        ImageKernel truth = Kernels.named("left-sobel").kernel();
        KernelLearning learning = KernelLearning.ofPhoto(grey.reshape(grey.dim(1), grey.dim(2)), truth, true,
                new Rng(3));
        KernelLearning.Step last = learning.run(new Sgd(learning.parameters(), 1.5 / learning.curvatureBound()),
                400, 400, s -> { });
        double[] expected = truth.values();
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i], last.kernel()[i], SAME_PICTURE, "weight " + i);
        }
    }

    @Test
    void whiteningLeavesTheKernelToLearnUnchanged() {
        // edge(Y) == truth(edge(X)): the whitened pair is an exact instance of the same problem.
        Tensor x = ImageTensors.convert(SampleImages.load("astronaut"), ImageMode.GREY);
        Tensor plane = x.reshape(x.dim(1), x.dim(2));
        ImageKernel truth = Kernels.named("emboss").kernel();
        ImageFilter valid = new ImageFilter(truth, BorderMode.ZERO, 1, FilterPadding.valid());
        ImageFilter edge = new ImageFilter(Kernels.named("edge").kernel(), BorderMode.ZERO, 1, FilterPadding.valid());
        Tensor a = edge.convolve(valid.convolve(plane));
        Tensor b = valid.convolve(edge.convolve(plane));
        assertEquals(a.shape(), b.shape());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.data()[i], b.data()[i], 1e-4, "value " + i);
        }
    }

    @Test
    void aFlatPictureHasNothingToLearnFrom() {
        Tensor flat = Tensor.full(conv4j.tensor.Shape.of(10, 10), 0.5f);
        KernelLearning learning = KernelLearning.ofPhoto(flat, Kernels.named("sharpen").kernel(), true, new Rng(0));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                learning::curvatureBound);
        assertTrue(e.getMessage().contains("nothing to learn"), e.getMessage());
    }
}
