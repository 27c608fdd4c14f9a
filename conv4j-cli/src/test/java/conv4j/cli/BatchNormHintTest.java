package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.vision.models.Models;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchNormHintTest {
    @TempDir
    static Path shared;
    static Path pictures;
    static Path digits;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() throws IOException {
        pictures = ToyPictures.write(shared.resolve("shapes"), 6, 11);
        digits = ToyDigits.write(shared.resolve("digits"), 600, 150, 5);
    }

    @Test
    void aResNetTrainedAFewStepsOnASmallFolderIsToldWhyItsValidationLossIsHigh() {
        // ResNet-18 on 32 x 32 pictures is small work: its 20 batch norm layers have seen 4 batches of 4
        CliRun t = CliRun.of("train", "--model", "resnet18", "--input", "3x32x32", "--dataset", pictures.toString(),
                "--epochs", "1", "--batch-size", "4", "--out", dir.resolve("resnet.safetensors").toString());
        assertEquals(0, t.exitCode(), t.err());
        List<String> lines = t.err().lines().toList();
        List<String> notes = lines.stream().filter(l -> l.contains("batch norm")).toList();
        assertEquals(1, notes.size(), t.err());
        String note = notes.get(0);
        int epoch = lines.indexOf(lines.stream().filter(l -> l.startsWith("epoch 1/1")).findFirst().orElseThrow());
        assertEquals(epoch + 1, lines.indexOf(note), "right after the epoch's line: " + t.err());
        assertTrue(note.matches("conv4j: note: the validation loss, [0-9.]+, is [0-9,]+ times the training loss: "
                + "resnet18's 20 batch norm layers normalise validation images by running means and variances "
                + "estimated from only 4 training steps so far \\(each step moves them 10% of the way to its "
                + "batch's\\); they settle as training takes more steps \\(more epochs, or a smaller --batch-size\\)"),
                note);
    }

    @Test
    void leNetOnDigitsGetsNoSuchNote() {
        CliRun t = CliRun.of("train", "--dataset", digits.toString(), "--epochs", "2", "--out",
                dir.resolve("lenet.safetensors").toString());
        assertEquals(0, t.exitCode(), t.err());
        assertFalse(t.err().contains("batch norm"), t.err());
        assertFalse(t.err().contains("note"), t.err());
    }

    /** A convolution, batch norm that has seen {@code steps} batches, and a classifier. */
    private static Sequential withBatchNorm(long steps) {
        BatchNorm2d bn = new BatchNorm2d(4);
        bn.setBatchesTracked(steps);
        Rng rng = new Rng(1);
        return new Sequential(new Conv2d(1, 4, 3, rng), bn, new ReLU(), new Flatten(), new Linear(4 * 4 * 4, 3, rng));
    }

    @Test
    void theNoteNeedsBatchNormAValidationLossOverTenTimesTheTrainingLossAndFewSteps() {
        assertEquals("the validation loss, 173.0000, is 346 times the training loss: tiny's 1 batch norm layer "
                + "normalises validation images by running means and variances estimated from only 1 training step so "
                + "far (each step moves them 10% of the way to its batch's); they settle as training takes more steps "
                + "(more epochs, or a smaller --batch-size)", BatchNormHint.hint(withBatchNorm(1), "tiny", 0.5, 173,
                "validation"));
        assertTrue(BatchNormHint.hint(withBatchNorm(99), "tiny", 0.2, 2.01, "test").startsWith("the test loss, "));
        assertNull(BatchNormHint.hint(withBatchNorm(99), "tiny", 0.2, 2.0, "test"), "ten times is not over");
        assertNull(BatchNormHint.hint(withBatchNorm(100), "tiny", 0.2, 20, "test"), "100 steps are not few");
        assertNull(BatchNormHint.hint(Models.create("lenet5", new Rng(1)), "lenet5", 0.2, 20, "test"),
                "no batch norm");
        assertNull(BatchNormHint.hint(withBatchNorm(1), "tiny", 0.2, Double.NaN, "test"));
        assertNull(BatchNormHint.hint(withBatchNorm(1), "tiny", 0, 20, "test"));
    }
}
