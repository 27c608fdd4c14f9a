package conv4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core alone: no other format is on this module's test class path. */
class ModelFilesTest {
    /** The start of an ONNX ModelProto: field 1 (ir_version) = 8, then field 2 (producer_name) "t". */
    private static final byte[] ONNX_START = {0x08, 0x08, 0x12, 0x01, 't'};

    @TempDir
    Path dir;

    @Test
    void aConvFourJModelFileOpensByItsContentWhateverItsName() throws Exception {
        Path file = dir.resolve("model.bin");
        ModelFile.save(file, TestModels.tiny(new Rng(1)), TestModels.tinyInfo());
        assertTrue(ModelFiles.isSafeTensors(ModelFiles.head(file)));
        assertFalse(ModelFiles.isForeign(file));
        assertEquals(TestModels.tinyInfo(), ModelFiles.load(file).info());
    }

    @Test
    void anOnnxFileWithoutTheOnnxModuleSaysWhichModuleReadsIt() throws Exception {
        for (String name : new String[] {"m.onnx", "m.model"}) {
            Path file = Files.write(dir.resolve(name), ONNX_START);
            assertTrue(ModelFiles.isForeign(file), name);
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(file));
            assertEquals(file + " is an ONNX file; add the conv4j-onnx module to read it", e.getMessage());
        }
    }

    @Test
    void theSafeTensorsReaderSaysWhatAnOnnxFileIs() throws Exception {
        Path file = Files.write(dir.resolve("m.onnx"), ONNX_START);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file + " is an ONNX file, not a conv4j model file"), e.getMessage());
        assertThrows(ModelFileException.class, () -> ModelFile.loadInto(file, TestModels.tiny(new Rng(1))));
    }

    @Test
    void optionsForFilesThatRecordNothingAreRefusedForAConvFourJModelFile() throws Exception {
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, TestModels.tiny(new Rng(1)), TestModels.tinyInfo());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.load(file, LoadOptions.none().withInputShape(Shape.of(3, 8, 8))));
        assertTrue(e.getMessage().contains("records its input"), e.getMessage());
    }

    @Test
    void aMissingFileIsOneLine() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ModelFiles.load(dir.resolve("none.onnx")));
        assertEquals(dir.resolve("none.onnx") + ": no such file", e.getMessage());
    }

    @Test
    void anythingElseIsLeftToTheSafeTensorsReadersDiagnosis() throws Exception {
        Path file = Files.write(dir.resolve("notes.safetensors"), new byte[] {1, 2, 3});
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(file));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }
}
