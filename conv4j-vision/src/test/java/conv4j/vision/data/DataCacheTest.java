package conv4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataCacheTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void anExplicitFolderComesFirst() {
        DataCache c = DataCache.resolve(Path.of("/data"), Map.of("CONV4J_DATA", "/env")::get, HOME);
        assertEquals(Path.of("/data"), c.root());
    }

    @Test
    void thenTheEnvironmentVariable() {
        DataCache c = DataCache.resolve(null, Map.of("CONV4J_DATA", "/env/data")::get, HOME);
        assertEquals(Path.of("/env/data"), c.root());
        assertEquals(Path.of("/env/data/mnist/train-images-idx3-ubyte.gz"), c.file("mnist",
                new DataFile("train-images-idx3-ubyte", "0".repeat(64))));
    }

    @Test
    void thenTheHomeFolder() {
        assertEquals(Path.of("/home/ada/.conv4j/data"), DataCache.resolve(null, Map.<String, String>of()::get, HOME).root());
        assertEquals(Path.of("/home/ada/.conv4j/data"),
                DataCache.resolve(null, Map.of("CONV4J_DATA", " ")::get, HOME).root(), "a blank variable is unset");
    }
}
