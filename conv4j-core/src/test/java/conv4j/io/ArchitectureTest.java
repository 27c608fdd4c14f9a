package conv4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import conv4j.kernels.Padding;
import conv4j.nn.AvgPool2d;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Dropout;
import conv4j.nn.LeakyReLU;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.Module;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static String doc(String root) {
        return "{\"format\": \"conv4j.architecture\", \"version\": 1, \"root\": " + root + "}";
    }

    static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> Architecture.fromJson(json, new Rng(0)))
                .getMessage();
    }

    static void assertError(String expected, String json) {
        String message = error(json);
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    }

    @Test
    void everyLayerTypeRoundTripsWithItsSettings() {
        Module model = TestModels.everyLayer(new Rng(1));
        String json = Architecture.toJson(model);
        Module rebuilt = Architecture.fromJson(json, new Rng(2));
        assertEquals(json, Architecture.toJson(rebuilt));
        assertEquals(model.modules().size(), rebuilt.modules().size());
        for (int i = 0; i < model.modules().size(); i++) {
            Module a = model.modules().get(i);
            Module b = rebuilt.modules().get(i);
            assertEquals(a.getClass(), b.getClass(), a.path());
            assertEquals(a.path(), b.path());
            assertEquals(a.describe(), b.describe(), a.path());
            assertEquals(a.stateDict().keySet(), b.stateDict().keySet(), a.path());
        }
        Conv2d conv = (Conv2d) ((Sequential) rebuilt.children().get("features")).children().get("4");
        assertEquals(List.of(8, 8, 3, 2, 2, 1, 1, 2, 2), List.of(conv.inChannels(), conv.outChannels(), conv.kernelH(),
                conv.kernelW(), conv.strideH(), conv.strideW(), conv.dilationH(), conv.dilationW(), conv.groups()));
        assertEquals(new Padding(1, 0, 0, 1), conv.padding());
        assertEquals(null, conv.bias());
        AvgPool2d avg = (AvgPool2d) ((Sequential) rebuilt.children().get("features")).children().get("7");
        assertFalse(avg.countIncludePad());
        assertTrue(((Conv2d) ((Sequential) rebuilt.children().get("features")).children().get("0")).isPaddingSame());
    }

    @Test
    void floatAndDoubleSettingsComeBackBitForBit() {
        Rng rng = new Rng(9);
        for (int i = 0; i < 200; i++) {
            float alpha = rng.nextFloat() * 0.999f;
            float p = rng.nextFloat() * 0.999f;
            float eps = (float) Math.pow(10, -1 - 7 * rng.nextDouble());
            float momentum = rng.nextFloat();
            double lrnAlpha = rng.nextDouble() * 1e-3;
            double beta = rng.nextDouble();
            double k = 0.5 + rng.nextDouble();
            Sequential s = new Sequential(new LeakyReLU(alpha), new Dropout(p, rng), new BatchNorm2d(2, eps, momentum),
                    new LocalResponseNorm(5, lrnAlpha, beta, k));
            Sequential back = (Sequential) Architecture.fromJson(Architecture.toJson(s), new Rng(0));
            assertEquals(Float.floatToIntBits(alpha), Float.floatToIntBits(((LeakyReLU) back.layers().get(0)).alpha()));
            assertEquals(Float.floatToIntBits(p), Float.floatToIntBits(((Dropout) back.layers().get(1)).p()));
            BatchNorm2d bn = (BatchNorm2d) back.layers().get(2);
            assertEquals(Float.floatToIntBits(eps), Float.floatToIntBits(bn.eps()));
            assertEquals(Float.floatToIntBits(momentum), Float.floatToIntBits(bn.momentum()));
            LocalResponseNorm lrn = (LocalResponseNorm) back.layers().get(3);
            assertEquals(Double.doubleToLongBits(lrnAlpha), Double.doubleToLongBits(lrn.alpha()));
            assertEquals(Double.doubleToLongBits(beta), Double.doubleToLongBits(lrn.beta()));
            assertEquals(Double.doubleToLongBits(k), Double.doubleToLongBits(lrn.k()));
        }
    }

    @Test
    void everyPublicLayerOfNnHasACodec() {
        TreeSet<String> layers = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("conv4j.nn")) {
            if (c.isAssignableTo(Module.class) && c.getModifiers().contains(JavaModifier.PUBLIC)
                    && !c.getModifiers().contains(JavaModifier.ABSTRACT)) {
                layers.add(c.getSimpleName());
            }
        }
        assertTrue(layers.size() >= 16, layers.toString());
        assertEquals(layers, new TreeSet<>(Architecture.layerTypes()));
    }

    @Test
    void anUnknownTypeIsRefusedWithItsPath() {
        assertError("root.children[0].module.children[3].module: unknown layer type 'Evil' (allowed: Sequential, Conv2d",
                doc("{\"type\": \"Sequential\", \"children\": [{\"name\": \"features\", \"module\": {\"type\": "
                        + "\"Sequential\", \"children\": [{\"name\": \"0\", \"module\": {\"type\": \"ReLU\"}}, {\"name\":"
                        + " \"1\", \"module\": {\"type\": \"ReLU\"}}, {\"name\": \"2\", \"module\": {\"type\": "
                        + "\"ReLU\"}}, {\"name\": \"3\", \"module\": {\"type\": \"Evil\"}}]}}]}"));
    }

    @Test
    void classNamesAndAnythingOutsideTheAllowlistAreRefused() {
        assertError("root: unknown layer type 'java.lang.Runtime'", doc("{\"type\": \"java.lang.Runtime\"}"));
        assertError("root: unknown layer type 'conv4j.nn.ReLU'", doc("{\"type\": \"conv4j.nn.ReLU\"}"));
        assertError("root: unknown layer type 'Module'", doc("{\"type\": \"Module\"}"));
        assertError("root: unknown layer type 'CrossEntropyLoss'", doc("{\"type\": \"CrossEntropyLoss\"}"));
        assertError("root: unknown field 'class' (known: type)", doc("{\"type\": \"ReLU\", \"class\": "
                + "\"java.lang.ProcessBuilder\"}"));
        assertError("root: unknown field '@class'", doc("{\"type\": \"Linear\", \"in\": 2, \"out\": 2, \"bias\": true, "
                + "\"@class\": \"java.lang.Runtime\"}"));
        assertError("root.type: expected a string, found an object", doc("{\"type\": {\"class\": \"x\"}}"));
        assertError("architecture: unknown field 'code'", "{\"format\": \"conv4j.architecture\", \"version\": 1, "
                + "\"root\": {\"type\": \"ReLU\"}, \"code\": \"import os\"}");
    }

    @Test
    void missingFieldsAreRefusedWithTheirPath() {
        assertError("root: missing field 'type'", doc("{}"));
        assertError("root.children[0].module: missing field 'out'", doc("{\"type\": \"Sequential\", \"children\": "
                + "[{\"name\": \"fc\", \"module\": {\"type\": \"Linear\", \"in\": 3, \"bias\": true}}]}"));
        assertError("root.children[0]: missing field 'module'", doc("{\"type\": \"Sequential\", \"children\": "
                + "[{\"name\": \"fc\"}]}"));
        assertError("architecture: missing field 'root'", "{\"format\": \"conv4j.architecture\", \"version\": 1}");
        assertError("architecture: missing field 'format'", "{\"version\": 1, \"root\": {\"type\": \"ReLU\"}}");
    }

    @Test
    void wrongTypesAreRefusedWithTheirPath() {
        String conv = "{\"type\": \"Conv2d\", \"in\": 1, \"out\": 2, \"kernel\": %s, \"stride\": [1, 1], \"padding\": "
                + "%s, \"dilation\": [1, 1], \"groups\": 1, \"bias\": %s}";
        assertError("root.kernel: expected an array, found the string \"5\"",
                doc(String.format(conv, "\"5\"", "\"valid\"", "true")));
        assertError("root.kernel[1]: expected a whole number, found the number 2.5",
                doc(String.format(conv, "[5, 2.5]", "\"valid\"", "true")));
        assertError("root.kernel: expected 2 numbers, found 3", doc(String.format(conv, "[5, 5, 5]", "\"valid\"",
                "true")));
        assertError("root.bias: expected true or false, found the string \"yes\"",
                doc(String.format(conv, "[5, 5]", "\"valid\"", "\"yes\"")));
        assertError("root.padding: expected \"same\", \"valid\" or [top, bottom, left, right], found the string "
                + "\"full\"", doc(String.format(conv, "[5, 5]", "\"full\"", "true")));
        assertError("root.children: expected an array, found an object", doc("{\"type\": \"Sequential\", "
                + "\"children\": {}}"));
        assertError("root.alpha: expected a number, found null", doc("{\"type\": \"LeakyReLU\", \"alpha\": null}"));
        assertError("root: expected an object, found the number 7", doc("7"));
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheirPath() {
        assertError("root.in: expected a whole number in [1, 2147483647], found 0",
                doc("{\"type\": \"Linear\", \"in\": 0, \"out\": 2, \"bias\": true}"));
        assertError("root.out: expected a whole number in [1, 2147483647], found 99999999999",
                doc("{\"type\": \"Linear\", \"in\": 1, \"out\": 99999999999, \"bias\": true}"));
        assertError("root: LeakyReLU: alpha must be in [0, 1), received 2.0",
                doc("{\"type\": \"LeakyReLU\", \"alpha\": 2}"));
        assertError("root.p: expected a number within float32 range, found the number 1E+39",
                doc("{\"type\": \"Dropout\", \"p\": 1e39}"));
        assertError("root: Conv2d: groups must divide in and out channels, received groups=2 with in=3, out=4",
                doc("{\"type\": \"Conv2d\", \"in\": 3, \"out\": 4, \"kernel\": [1, 1], \"stride\": [1, 1], "
                        + "\"padding\": [0, 0, 0, 0], \"dilation\": [1, 1], \"groups\": 2, \"bias\": true}"));
        assertError("root.padding[2]: expected a whole number in [0, 2147483647], found -1",
                doc("{\"type\": \"Conv2d\", \"in\": 3, \"out\": 4, \"kernel\": [1, 1], \"stride\": [1, 1], "
                        + "\"padding\": [0, 0, -1, 0], \"dilation\": [1, 1], \"groups\": 1, \"bias\": true}"));
        assertError("root.children[1].name: Sequential already has a member named 'a'", doc("{\"type\": "
                + "\"Sequential\", \"children\": [{\"name\": \"a\", \"module\": {\"type\": \"ReLU\"}}, {\"name\": "
                + "\"a\", \"module\": {\"type\": \"Tanh\"}}]}"));
        assertError("root.children[0].name: Sequential: child name must be non-empty without dots, received 'a.b'",
                doc("{\"type\": \"Sequential\", \"children\": [{\"name\": \"a.b\", \"module\": {\"type\": \"ReLU\"}}]}"));
        assertError("architecture.version: version 2 is newer than this conv4j reads (1)",
                "{\"format\": \"conv4j.architecture\", \"version\": 2, \"root\": {\"type\": \"ReLU\"}}");
        assertError("architecture.format: expected \"conv4j.architecture\", found the string \"keras\"",
                "{\"format\": \"keras\", \"version\": 1, \"root\": {\"type\": \"ReLU\"}}");
    }

    @Test
    void invalidJsonAndRepeatedKeysAreRefused() {
        assertError("invalid JSON at line 1", "{\"format\": ");
        assertError("Duplicate field 'type'", doc("{\"type\": \"ReLU\", \"type\": \"Evil\"}"));
        assertError("invalid JSON", doc("{\"type\": \"ReLU\"}") + " trailing");
    }

    @Test
    void layersTooLargeForTheLimitAreRefusedBeforeAllocating() {
        // 30000 x 30000 floats would be 3.6 GB: the limit stops it before any array exists.
        String message = assertThrows(IllegalArgumentException.class, () -> Architecture.fromJson(doc(
                "{\"type\": \"Linear\", \"in\": 30000, \"out\": 30000, \"bias\": true}"), new Rng(0), 1000))
                .getMessage();
        assertTrue(message.startsWith("root: the layers up to here hold more parameter and buffer values than the "
                + "limit of 1000"), message);
        Architecture.fromJson(doc("{\"type\": \"Linear\", \"in\": 10, \"out\": 90, \"bias\": true}"), new Rng(0), 990);
    }

    @Test
    void aModuleWithoutACodecIsNamedWhenWriting() {
        Module custom = new Sequential().add("block", new Sequential(new conv4j.nn.ReLU()) {
        });
        String message = assertThrows(IllegalArgumentException.class, () -> Architecture.toJson(custom))
                .getMessage();
        assertTrue(message.contains("at 'block' as an architecture: its layer types are [Sequential"), message);
    }
}
