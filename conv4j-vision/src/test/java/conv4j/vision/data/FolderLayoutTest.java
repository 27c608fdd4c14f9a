package conv4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLayoutTest {
    @TempDir
    Path root;

    private void picture(String relative) {
        FolderPictures.write(root, relative, FolderPictures.solid(4, 4, Color.RED));
    }

    @Test
    void trainAndValFoldersAreTheSplitItself() {
        picture("train/cat/1.png");
        picture("val/cat/2.png");
        picture("test/cat/3.png");
        FolderLayout layout = FolderLayout.of(root);
        assertTrue(layout.presplit());
        assertEquals(root.resolve("train"), layout.train());
        assertEquals(root.resolve("val"), layout.heldOut(), "training validates on val/");
        assertEquals(root.resolve("test"), layout.testOrValidation(), "a final measurement uses test/");
    }

    @Test
    void trainAndTestAloneAlsoCount() {
        picture("train/cat/1.png");
        picture("test/cat/3.png");
        FolderLayout layout = FolderLayout.of(root);
        assertEquals(root.resolve("test"), layout.heldOut());
        assertNull(layout.validation());
    }

    @Test
    void classesNamedTrainAndTestAreClassesWhenTheyHoldImages() {
        picture("train/1.png");
        picture("test/2.png");
        FolderLayout layout = FolderLayout.of(root);
        assertFalse(layout.presplit());
        assertEquals(root, layout.train());
    }

    @Test
    void aPlainFolderOfClassesIsToBeSplit() {
        picture("cat/1.png");
        picture("dog/1.png");
        assertFalse(FolderLayout.of(root).presplit());
        assertNull(FolderLayout.of(root).heldOut());
    }
}
