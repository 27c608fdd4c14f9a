package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The plan takes, for each pass, the first method of the table that applies, after cropping the kernel. */
class ConvPlanTest {

    @Test
    void eachPassTakesTheFirstMethodOfTheTableThatApplies() {
        SplittableRandom r = new SplittableRandom(41);
        for (int trial = 0; trial < 500; trial++) {
            int kernel = r.nextInt(1, 6);
            int size = r.nextInt(1, 16);
            int padding = r.nextInt(0, kernel);
            if (size + 2 * padding < kernel) {
                continue;
            }
            Conv2dGeometry g = Conv2dGeometry.of(r.nextInt(1, 20), r.nextInt(1, 40), size, size, r.nextInt(1, 40),
                    kernel, r.nextInt(1, 3), padding);
            ConvPlan plan = ConvPlan.of(g);
            for (ConvPass pass : ConvPass.values()) {
                ConvMethod chosen = plan.method(pass);
                assertTrue(chosen.applies(plan.computed(), pass), g + " " + pass);
                for (ConvMethod earlier : ConvMethod.values()) {
                    if (earlier == chosen) {
                        break;
                    }
                    assertFalse(earlier.applies(plan.computed(), pass), g + " " + pass + ": " + earlier
                            + " comes first in the table and applies");
                }
            }
        }
    }

    @Test
    void im2colComesLastAndComputesEverything() {
        ConvMethod[] table = ConvMethod.values();
        assertEquals(ConvMethod.IM2COL, table[table.length - 1]);
        Conv2dGeometry dilatedGrouped = new Conv2dGeometry(2, 8, 9, 9, 4, 3, 3, 2, 2, 1, 1, 1, 1, 2, 2, 2);
        for (ConvPass pass : ConvPass.values()) {
            assertTrue(ConvMethod.IM2COL.applies(dilatedGrouped, pass));
            assertEquals(ConvMethod.IM2COL, ConvPlan.of(dilatedGrouped).method(pass));
        }
        for (ConvMethod method : table) {
            assertFalse(method.reason().isBlank(), method + " says why it is taken");
        }
    }

    @Test
    void theLecturesLayersTakeTheirMethods() {
        // LeNet-5's C5: a 5x5 window on the 5x5 maps of S4 is a fully connected layer
        assertEquals(ConvMethod.FULL_WINDOW, ConvPlan.of(Conv2dGeometry.of(64, 16, 5, 5, 120, 5, 1, 0)).forward());
        // ResNet-50's 1x1 convolutions on one image
        ConvPlan pointwise = ConvPlan.of(Conv2dGeometry.of(1, 256, 56, 56, 64, 1, 1, 0));
        for (ConvPass pass : ConvPass.values()) {
            assertEquals(ConvMethod.POINTWISE, pointwise.method(pass), pass.label());
        }
        // VGG-16's second layer on one image: Winograd for both passes it computes, never for the weight gradient
        ConvPlan vgg = ConvPlan.of(Conv2dGeometry.of(1, 64, 224, 224, 64, 3, 1, 1));
        assertEquals(ConvMethod.WINOGRAD, vgg.forward());
        assertEquals(ConvMethod.WINOGRAD, vgg.inputGradient());
        assertFalse(ConvMethod.WINOGRAD.applies(vgg.geometry(), ConvPass.WEIGHT_GRADIENT));
        // a stride-2 3x3 convolution has nothing cheaper than im2col
        assertEquals(ConvMethod.IM2COL, ConvPlan.of(Conv2dGeometry.of(1, 64, 56, 56, 128, 3, 2, 1)).forward());
    }

    @Test
    void kernelRowsThatOnlyReadPaddingAreCutOffFirst() {
        // ResNet-18's last stage on 32x32 inputs: a 3x3 kernel padded by 1 on 1x1 maps is its centre tap
        Conv2dGeometry g = Conv2dGeometry.of(64, 512, 1, 1, 512, 3, 1, 1);
        ConvPlan plan = ConvPlan.of(g);
        assertTrue(plan.cropped());
        assertEquals(1, plan.computed().kernelH());
        assertEquals(1, plan.computed().kernelW());
        assertEquals(ConvMethod.choose(ConvPass.FORWARD, plan.computed()), plan.forward());
        assertTrue(plan.toString().endsWith("(kernel cropped to 1x1)"), plan.toString());
        assertFalse(ConvPlan.of(Conv2dGeometry.of(1, 3, 32, 32, 8, 3, 1, 1)).cropped());
    }

    @Test
    void aPlanSaysEachPassAndItsMethod() {
        ConvPlan plan = ConvPlan.of(Conv2dGeometry.of(1, 64, 56, 56, 128, 3, 2, 1));
        assertEquals("forward im2col, input gradient im2col, weight gradient im2col", plan.toString());
    }
}
