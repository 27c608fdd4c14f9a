package conv4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
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
    void aPictureWhereAModelFileGoesIsNamedByItsFormat() throws Exception {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(14, 14, 0, 255);
        Map<String, String> formats = Map.of("png", "PNG", "jpg", "JPEG", "gif", "GIF", "bmp", "BMP");
        for (Map.Entry<String, String> f : formats.entrySet()) {
            // named as a model would be, so only the bytes tell
            Path file = dir.resolve("digit-" + f.getKey() + ".safetensors");
            assertTrue(ImageIO.write(image, f.getKey(), file.toFile()), f.getKey());
            String expected = file + " is a " + f.getValue() + " picture, not a model file";
            List<Executable> loads = List.of(() -> ModelFiles.load(file), () -> ModelFile.load(file),
                    () -> ModelFile.loadInto(file, TestModels.tiny(new Rng(1))), () -> Checkpoint.load(file),
                    () -> SafeTensors.readHeader(file));
            for (Executable load : loads) {
                PictureFileException e = assertThrows(PictureFileException.class, load);
                assertEquals(expected, e.getMessage());
                assertEquals(f.getValue(), e.format());
            }
        }
    }

    @Test
    void aSafeTensorsFileWhoseHeaderLengthSpellsBmIsNoPicture() throws Exception {
        // 0x4D42 = 19778 bytes of header: the length's first two bytes are 'B' and 'M', as a BMP file's are
        int length = 0x4D42;
        String json = "{\"__metadata__\":{\"note\":\"padded\"}}";
        byte[] bytes = new byte[8 + length];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(length);
        Arrays.fill(bytes, 8, bytes.length, (byte) ' ');
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, bytes, 8, text.length);
        Path file = Files.write(dir.resolve("padded.safetensors"), bytes);
        assertEquals('B', bytes[0]);
        assertEquals('M', bytes[1]);
        assertEquals("padded", SafeTensors.readHeader(file).metadata().get("note"));
    }

    @Test
    void anythingElseIsLeftToTheSafeTensorsReadersDiagnosis() throws Exception {
        Path file = Files.write(dir.resolve("notes.safetensors"), new byte[] {1, 2, 3});
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(file));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }
}
