package conv4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.Module;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    static void assertSameState(Module expected, Module actual) {
        Map<String, Tensor> a = expected.stateDict();
        Map<String, Tensor> b = actual.stateDict();
        assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
        a.forEach((name, t) -> {
            assertEquals(t.shape(), b.get(name).shape(), name);
            assertArrayEquals(t.data(), b.get(name).data(), name);
        });
        for (int i = 0; i < expected.modules().size(); i++) {
            if (expected.modules().get(i) instanceof BatchNorm2d bn) {
                assertEquals(bn.batchesTracked(), ((BatchNorm2d) actual.modules().get(i)).batchesTracked());
            }
        }
    }

    @Test
    void aModelWithEveryLayerComesBackIdentical() throws IOException {
        Rng rng = new Rng(5);
        Module model = TestModels.everyLayer(rng);
        TestModels.warmUp(model, rng);
        Path file = dir.resolve("every.safetensors");
        ModelFile.save(file, model, TestModels.info());

        LoadedModel loaded = ModelFile.load(file);
        assertSameState(model, loaded.model());
        assertEquals(TestModels.info(), loaded.info());
        assertEquals(Architecture.toJson(model), Architecture.toJson(loaded.model()));
        Tensor images = Tensor.randn(TestModels.INPUT.withBatch(6), new Rng(77), 1.0);
        assertArrayEquals(model.eval().predict(images).data(), loaded.model().eval().predict(images).data());
        assertEquals(List.of("every.safetensors"), Arrays.asList(dir.toFile().list()), "no temporary file left");
    }

    @Test
    void aPlainStateDictLoadsIntoAModelBuiltInCode() throws IOException {
        Rng rng = new Rng(6);
        Module trained = TestModels.everyLayer(rng);
        TestModels.warmUp(trained, rng);
        Path file = dir.resolve("weights.safetensors");
        // As PyTorch's save_file(model.state_dict()) would write it: tensors only, no conv4j metadata.
        SafeTensors.write(file, ModelState.of(trained), Map.of("format", "pt"));

        Module fresh = TestModels.everyLayer(new Rng(99));
        ModelFile.loadInto(file, fresh);
        assertSameState(trained, fresh);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ": no conv4j model description (metadata 'conv4j.architecture' "
                + "is missing)"), e.getMessage());
    }

    @Test
    void aFileOfAnotherArchitectureListsEveryMismatch() throws IOException {
        Path file = dir.resolve("other.safetensors");
        Sequential other = new Sequential(Conv2d.builder(1, 4, 3).build(new Rng(1)), new ReLU(),
                new Flatten());
        other.add("head", new Linear(4, 3, new Rng(2)));
        ModelFile.save(file, other, ModelInfo.of("other", Shape.of(1, 3, 3), List.of()));

        Sequential model = new Sequential(Conv2d.builder(1, 4, 5).build(new Rng(1)), new ReLU(),
                new Flatten(), new Linear(4, 3, new Rng(2)));
        float[] before = model.stateDict().get("0.weight").data().clone();
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.loadInto(file, model));
        assertEquals(file + ": the tensors do not match the model: missing 2: '3.weight' (3x4), '3.bias' (3); "
                + "unexpected 2: 'head.weight' (3x4), 'head.bias' (3); wrong 1: '0.weight' is 4x1x3x3 in the file, "
                + "4x1x5x5 in the model", e.getMessage());
        assertArrayEquals(before, model.stateDict().get("0.weight").data(), "the model is left as it was");
    }

    @Test
    void anArchitectureThatDisagreesWithItsTensorsIsRefused() throws IOException {
        Path file = dir.resolve("tampered.safetensors");
        Module tiny = TestModels.tiny(new Rng(1));
        Map<String, String> metadata = new LinkedHashMap<>(ModelFile.metadata(tiny, TestModels.tinyInfo()));
        metadata.put(ModelFile.ARCHITECTURE_KEY, metadata.get(ModelFile.ARCHITECTURE_KEY).replace("\"ReLU\"",
                "\"Evil\""));
        SafeTensors.write(file, ModelState.of(tiny), metadata);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ": conv4j.architecture: root.children[2].module: unknown layer "
                + "type 'Evil'"), e.getMessage());

        metadata.put(ModelFile.ARCHITECTURE_KEY, Architecture.toJson(new Sequential(new Flatten(),
                new Linear(3, 4, new Rng(1)))));
        SafeTensors.write(file, ModelState.of(tiny), metadata);
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("wrong 2: '1.weight' is 2x3 in the file, 4x3 in the model"), e.getMessage());

        metadata.put(ModelFile.ARCHITECTURE_KEY, Architecture.toJson(TestModels.tiny(new Rng(1))));
        metadata.put(ModelFile.INFO_KEY, "{\"version\": 1, \"name\": \"tiny\", \"inputShape\": [4, 1, 1], \"mean\": "
                + "[], \"std\": [], \"classNames\": [], \"facts\": {}}");
        SafeTensors.write(file, ModelState.of(tiny), metadata);
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ": conv4j.info: input shape 4x1x1 does not fit the model: "
                + "Linear '1': expected N x 3 input, received 1x4"), e.getMessage());
    }

    @Test
    void modelInfoIsCheckedAgainstTheModelWhenSaving() {
        Module tiny = TestModels.tiny(new Rng(1));
        Path file = dir.resolve("t.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(file, tiny,
                ModelInfo.of("tiny", Shape.of(3, 1, 1), List.of("a", "b", "c"))));
        assertEquals("3 class names for a model that gives 2 scores", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo("x", Shape.of(3, 1, 1), List.of(0.0),
                List.of(1.0), List.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo("x", Shape.of(1, 1, 1), List.of(0.0),
                List.of(0.0), List.of(), Map.of()));
        assertTrue(Files.notExists(file));
        ModelInfo info = TestModels.tinyInfo().withFact("testAccuracy", "0.9921").withFact("epochs", "12");
        assertEquals(Map.of("testAccuracy", "0.9921", "epochs", "12"), info.facts());
        assertEquals(List.of("testAccuracy", "epochs"), List.copyOf(info.facts().keySet()), "facts keep their order");
    }

    @Test
    void aMissingOutputFolderIsNamed() {
        Path file = dir.resolve("no/such/folder/m.safetensors");
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(file, TestModels.tiny(new Rng(1)),
                TestModels.tinyInfo()));
        assertEquals("cannot write " + file + ": folder " + dir.resolve("no/such/folder") + " does not exist",
                e.getMessage());
    }

    @Test
    void aMissingFileOrAFolderIsNamed() throws IOException {
        Path missing = dir.resolve("absent.safetensors");
        assertEquals(missing + ": no such file", assertThrows(NoSuchFileException.class,
                () -> ModelFile.load(missing)).getMessage());
        Path folder = Files.createDirectory(dir.resolve("folder.safetensors"));
        assertEquals(folder + ": is a folder, not a safetensors file", assertThrows(IOException.class,
                () -> ModelFile.load(folder)).getMessage());
    }

    @Test
    void aModelFileCutAtEveryOffsetGivesAModelFileException() throws IOException {
        Path whole = dir.resolve("tiny.safetensors");
        ModelFile.save(whole, TestModels.tiny(new Rng(1)), TestModels.tinyInfo());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.safetensors");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(cut),
                    "cut at " + length);
            assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
        }
        Files.write(cut, Arrays.copyOf(bytes, bytes.length + 4));
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(cut)).getMessage()
                .endsWith("4 trailing bytes after the last tensor's data (the file must end where the data of its "
                        + "tensors ends)"));
    }

    @Test
    void randomlyDamagedHeadersLoadOrFailCleanly() throws IOException {
        Path whole = dir.resolve("tiny.safetensors");
        Module model = TestModels.tiny(new Rng(1));
        ModelFile.save(whole, model, TestModels.tinyInfo());
        byte[] bytes = Files.readAllBytes(whole);
        int headerEnd = 8 + (bytes[0] & 0xFF) + ((bytes[1] & 0xFF) << 8);
        byte[] replacements = "0123456789-.,:[]{}\"eE \\\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Rng rng = new Rng(2024);
        Path damaged = dir.resolve("damaged.safetensors");
        int failures = 0;
        for (int round = 0; round < 600; round++) {
            byte[] copy = bytes.clone();
            for (int k = 0; k <= rng.nextInt(3); k++) {
                copy[8 + rng.nextInt(headerEnd - 8)] = replacements[rng.nextInt(replacements.length)];
            }
            Files.write(damaged, copy);
            try {
                ModelFile.load(damaged);
            } catch (ModelFileException e) {
                failures++;
                assertTrue(e.getMessage().startsWith(damaged + ": ") && !e.getMessage().contains("\n"),
                        e.getMessage());
            }
        }
        assertTrue(failures > 400, "most damage must be caught: " + failures);
        assertNotEquals(0, bytes.length);
    }
}
