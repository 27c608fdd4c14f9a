package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleTest {

    private static Sequential smallNet() {
        Rng rng = new Rng(0);
        return new Sequential()
                .add("features", new Sequential(new Conv2d(3, 4, 3, rng), new BatchNorm2d(4), new ReLU()))
                .add("flatten", new Flatten())
                .add("classifier", new Sequential(new Dropout(0.5f, rng), new Linear(4, 2, rng)));
    }

    @Test
    void stateDictUsesPyTorchNamesAndOrder() {
        assertEquals(List.of("features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias",
                        "features.1.running_mean", "features.1.running_var", "classifier.1.weight",
                        "classifier.1.bias"),
                List.copyOf(smallNet().stateDict().keySet()));
        assertEquals(List.of("features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias",
                "classifier.1.weight", "classifier.1.bias"), List.copyOf(smallNet().namedParameters().keySet()));
    }

    @Test
    void pathsFollowNestingEvenWhenAddedLater() {
        Sequential inner = new Sequential(new ReLU(), new ReLU());
        assertEquals("1", inner.layers().get(1).path());
        Sequential outer = new Sequential().add("block", inner);
        assertEquals("block.1", inner.layers().get(1).path());
        assertEquals("ReLU 'block.1'", inner.layers().get(1).label());
        new Sequential().add("net", outer);
        assertEquals("net.block.1", inner.layers().get(1).path());
    }

    @Test
    void modeReachesEveryDescendant() {
        Sequential net = smallNet();
        net.eval();
        for (Module m : ((Sequential) net.children().get("features")).layers()) {
            assertFalse(m.isTraining());
        }
        net.train();
        assertTrue(net.children().get("classifier").children().get("0").isTraining());
    }

    @Test
    void biasesAndNormalisationAreNotPenalisedByDefault() {
        smallNet().namedParameters().forEach((name, p) -> {
            boolean weightOfConvOrLinear = name.equals("features.0.weight") || name.equals("classifier.1.weight");
            assertEquals(weightOfConvOrLinear ? 1.0 : 0.0, p.l2Multiplier(), name);
            assertEquals(weightOfConvOrLinear ? 1.0 : 0.0, p.l1Multiplier(), name);
        });
    }

    @Test
    void duplicateNamesAreRefused() {
        Sequential s = new Sequential().add("a", new ReLU());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add("a", new ReLU()));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.add("x.y", new ReLU()));
    }

    @Test
    void settingsOutOfRangeAreRefusedWithTheValue() {
        Rng rng = new Rng(0);
        for (Runnable r : List.<Runnable>of(
                () -> new MaxPool2d(0),
                () -> new MaxPool2d(2, 0),
                () -> new AvgPool2d(3, 1, -1, false, true),
                () -> new Dropout(1.0f, rng),
                () -> new LeakyReLU(-0.5f),
                () -> new BatchNorm2d(0),
                () -> new Linear(0, 3, rng),
                () -> new AdaptiveAvgPool2d(0, 1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().matches(".*(received|=).*"), e.getMessage());
        }
    }

    @Test
    void hooksSeeEveryLayersOutputUntilRemoved() {
        Sequential net = smallNet().setTraining(false) instanceof Sequential s ? s : null;
        java.util.List<String> seen = new java.util.ArrayList<>();
        java.util.List<Module.HookHandle> handles = new java.util.ArrayList<>();
        for (Module m : net.modules()) {
            if (m.children().isEmpty()) {
                handles.add(m.addForwardHook((module, out) -> seen.add(module.path() + " " + out.shape())));
            }
        }
        net.predict(conv4j.tensor.Tensor.zeros(2, 3, 3, 3));
        assertEquals(List.of("features.0 2x4x1x1", "features.1 2x4x1x1", "features.2 2x4x1x1", "flatten 2x4",
                "classifier.0 2x4", "classifier.1 2x2"), seen);
        handles.forEach(Module.HookHandle::close);
        seen.clear();
        net.predict(conv4j.tensor.Tensor.zeros(1, 3, 3, 3));
        assertTrue(seen.isEmpty());
    }
}
