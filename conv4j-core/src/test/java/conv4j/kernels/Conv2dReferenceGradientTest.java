package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import conv4j.testkit.GradientCheck;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The double reference's hand-written backward against central differences of its own forward. */
class Conv2dReferenceGradientTest {

    static Stream<Conv2dGeometry> smallGeometries() {
        return Stream.of(
                // stride 2 with symmetric padding
                Conv2dGeometry.of(1, 2, 7, 7, 3, 3, 2, 1),
                // asymmetric padding, non-square kernel
                new Conv2dGeometry(2, 2, 5, 6, 2, 2, 3, 1, 1, 0, 1, 1, 2, 1, 1, 1),
                // "same" for an even kernel at stride 2 (padding 1 top/left, 2 bottom/right)
                Conv2dGeometry.of(1, 2, 6, 6, 2, 4, 4, 2, 2, Padding.same(6, 6, 4, 2), 1, 1, 1),
                // dilation 2
                Conv2dGeometry.of(1, 2, 7, 8, 2, 3, 3, 1, 1, Padding.of(2), 2, 2, 1),
                // two groups
                Conv2dGeometry.of(2, 4, 5, 5, 6, 3, 3, 1, 1, Padding.of(1), 1, 1, 2),
                // depthwise with channel multiplier 2
                Conv2dGeometry.of(1, 3, 5, 4, 6, 3, 3, 1, 1, Padding.of(1), 1, 1, 3),
                // 1x1 (the pointwise path) and 1x1 at stride 2
                Conv2dGeometry.of(2, 3, 4, 5, 4, 1, 1, 0),
                Conv2dGeometry.of(1, 3, 5, 5, 2, 1, 2, 0),
                // batch 1, non-square input and kernel
                Conv2dGeometry.of(1, 1, 6, 9, 2, 3, 2, 1, 1, Padding.valid(), 1, 1, 1),
                // odd everything: stride 2x3, padding (2,1,0,1), dilation 1x2
                new Conv2dGeometry(1, 2, 7, 5, 3, 5, 3, 2, 3, 2, 1, 0, 1, 1, 2, 1));
    }

    private record Data(double[] x, double[] w, double[] b, double[] dy) {
        static Data random(Conv2dGeometry g, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            return new Data(Close.randomDoubles(r, g.inputLength()), Close.randomDoubles(r, g.weightLength()),
                    Close.randomDoubles(r, g.outChannels()), Close.randomDoubles(r, g.outputLength()));
        }
    }

    @ParameterizedTest
    @MethodSource("smallGeometries")
    void inputGradientMatchesCentralDifferences(Conv2dGeometry g) {
        Data d = Data.random(g, 1);
        GradientCheck.Result result = GradientCheck.checkVjp(v -> Conv2dReference.forward(g, v, d.w, d.b), d.x,
                d.dy, Conv2dReference.backwardInput(g, d.dy, d.w));
        assertTrue(result.passes(), g + ": " + result);
    }

    @ParameterizedTest
    @MethodSource("smallGeometries")
    void weightGradientMatchesCentralDifferences(Conv2dGeometry g) {
        Data d = Data.random(g, 2);
        GradientCheck.Result result = GradientCheck.checkVjp(v -> Conv2dReference.forward(g, d.x, v, d.b), d.w,
                d.dy, Conv2dReference.backwardWeight(g, d.x, d.dy));
        assertTrue(result.passes(), g + ": " + result);
    }

    @ParameterizedTest
    @MethodSource("smallGeometries")
    void biasGradientMatchesCentralDifferences(Conv2dGeometry g) {
        Data d = Data.random(g, 3);
        GradientCheck.Result result = GradientCheck.checkVjp(v -> Conv2dReference.forward(g, d.x, d.w, v), d.b,
                d.dy, Conv2dReference.backwardBias(g, d.dy));
        assertTrue(result.passes(), g + ": " + result);
    }

    enum Fault { FLIPPED_KERNEL_TAP, STRIDE_OFF_BY_ONE }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void brokenInputGradientFailsTheCheck(Fault fault) {
        Conv2dGeometry g = Conv2dGeometry.of(1, 2, 7, 7, 2, 3, 2, 1);
        Data d = Data.random(g, 4);
        GradientCheck.Result result = GradientCheck.checkVjp(v -> Conv2dReference.forward(g, v, d.w, d.b), d.x,
                d.dy, brokenBackwardInput(g, d.dy, d.w, fault));
        assertFalse(result.passes(), fault + " went unnoticed: " + result);
    }

    // Conv2dReference.backwardInput with one deliberate mistake.
    private static double[] brokenBackwardInput(Conv2dGeometry g, double[] dy, double[] w, Fault fault) {
        double[] dx = new double[g.inputLength()];
        int cg = g.inChannelsPerGroup();
        int kg = g.outChannelsPerGroup();
        int strideH = fault == Fault.STRIDE_OFF_BY_ONE ? g.strideH() - 1 : g.strideH();
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                int group = k / kg;
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        double upstream = dy[Conv2dReference.outputIndex(g, n, k, oh, ow)];
                        for (int c = 0; c < cg; c++) {
                            for (int kh = 0; kh < g.kernelH(); kh++) {
                                for (int kw = 0; kw < g.kernelW(); kw++) {
                                    int ih = oh * strideH - g.padTop() + kh * g.dilationH();
                                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                    int tap = fault == Fault.FLIPPED_KERNEL_TAP && kh == 0 && kw == 0
                                            ? g.kernelW() - 1 : kw;
                                    if (ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth()) {
                                        dx[Conv2dReference.inputIndex(g, n, group * cg + c, ih, iw)] +=
                                                w[Conv2dReference.weightIndex(g, k, c, kh, tap)] * upstream;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }
}
