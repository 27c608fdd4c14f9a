package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> ZOO = List.of("lenet5", "alexnet", "alexnet-lrn", "vgg-a", "vgg-b", "vgg-c",
            "vgg-d", "vgg-e", "vgg11", "vgg16_bn", "resnet18", "resnet34", "resnet50", "resnet101", "resnet50-v1");

    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        // by hand: kitten -> sitten -> sittin -> sitting
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
        assertEquals(1, DidYouMean.distance("minst", "mnist")); // one swap
        assertEquals(1, DidYouMean.distance("lenett5", "lenet5"));
        assertEquals(0, DidYouMean.distance("", ""));
        assertEquals(4, DidYouMean.distance("", "abcd"));
        // a swapped pair is not edited again: ca -> ac -> abc would be two, this distance counts three
        assertEquals(3, DidYouMean.distance("ca", "abc"));
    }

    @Test
    void aNameWrittenAnotherWayOrASlipAwayIsSuggested() {
        assertEquals("did you mean lenet5?", DidYouMean.phrase("LeNet-5", ZOO));
        assertEquals("did you mean lenet5?", DidYouMean.phrase("lenet", ZOO));
        assertEquals("did you mean lenet5?", DidYouMean.phrase("lenett5", ZOO));
        assertEquals("did you mean vgg16_bn?", DidYouMean.phrase("vgg16-bn", ZOO));
        assertEquals("did you mean resnet18, resnet34 or resnet50?", DidYouMean.phrase("resnet", ZOO));
        assertEquals("did you mean alexnet-lrn?", DidYouMean.phrase("alexnet-lr", ZOO));
        assertEquals("did you mean fashion-mnist?", DidYouMean.phrase("fashion", List.of("mnist", "fashion-mnist")));
    }

    @Test
    void nothingNearOrTooManyAsNearSuggestsNothing() {
        assertEquals("", DidYouMean.phrase("inception", ZOO));
        assertEquals("", DidYouMean.phrase("vgg", ZOO)); // vgg-a to vgg-e are all one letter away
        assertEquals("", DidYouMean.phrase("", ZOO));
        assertEquals("", DidYouMean.phrase("cifar10", List.of("mnist", "fashion-mnist")));
    }
}
