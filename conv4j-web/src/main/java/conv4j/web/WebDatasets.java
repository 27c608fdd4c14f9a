package conv4j.web;

import conv4j.train.Dataset;
import conv4j.vision.data.DataCache;
import conv4j.vision.data.DatasetCatalog;
import conv4j.vision.data.DatasetFetcher;
import conv4j.vision.data.FetchListener;
import conv4j.vision.data.FetchResult;
import conv4j.vision.data.MnistDataset;
import conv4j.vision.data.MnistSplit;
import conv4j.vision.data.MnistVariant;
import conv4j.vision.training.PixelStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The datasets a page may train on: MNIST and Fashion-MNIST, fetched into the dataset cache and checked as
 * {@code conv4j data fetch} does, and any other folder of the cache that holds the four MNIST-style IDX files (named
 * by the folder, classes 0 to 9). A page names a dataset; it never gives a path.
 */
final class WebDatasets {
    private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** Both splits of a dataset and the figures that normalise its pixels. */
    record Loaded(String name, Dataset train, Dataset test, PixelStatistics statistics) {
    }

    private final DataCache cache;
    private final DatasetCatalog catalog;

    WebDatasets(DataCache cache, DatasetCatalog catalog) {
        this.cache = cache;
        this.catalog = catalog;
    }

    DataCache cache() {
        return cache;
    }

    /** The standard datasets first, then the IDX folders of the cache, by name. */
    List<String> names() {
        List<String> names = new ArrayList<>(catalog.names());
        if (Files.isDirectory(cache.root())) {
            try (Stream<Path> folders = Files.list(cache.root())) {
                folders.filter(Files::isDirectory)
                        .map(p -> p.getFileName().toString())
                        .filter(n -> FOLDER_NAME.matcher(n).matches() && !names.contains(n))
                        .filter(n -> isIdxFolder(cache.folder(n)))
                        .sorted()
                        .forEach(names::add);
            } catch (IOException e) {
                // an unreadable cache offers the standard datasets only
            }
        }
        return names;
    }

    /** Fetches (standard datasets) and reads both splits; 400 for a name that is not offered. */
    Loaded load(String name, FetchListener listener) throws IOException {
        if (catalog.names().contains(name)) {
            MnistVariant variant = MnistVariant.byId(name);
            FetchResult fetched = new DatasetFetcher(cache, listener).fetch(catalog.spec(name));
            return new Loaded(name, MnistDataset.load(fetched.folder(), variant, MnistSplit.TRAIN),
                    MnistDataset.load(fetched.folder(), variant, MnistSplit.TEST),
                    new PixelStatistics(variant.mean(), variant.std()));
        }
        if (!names().contains(name)) {
            throw ApiError.badRequest("unknown dataset '" + name + "'; the datasets are " + String.join(", ",
                    names()));
        }
        List<String> classes = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
        Path folder = cache.folder(name);
        Dataset train = MnistDataset.load(folder, MnistSplit.TRAIN, classes);
        Dataset test = MnistDataset.load(folder, MnistSplit.TEST, classes);
        return new Loaded(name, train, test, PixelStatistics.of(train));
    }

    private static boolean isIdxFolder(Path folder) {
        for (MnistSplit split : MnistSplit.values()) {
            for (String file : List.of(split.imagesFile(), split.labelsFile())) {
                if (!Files.isRegularFile(folder.resolve(file)) && !Files.isRegularFile(folder.resolve(file + ".gz"))) {
                    return false;
                }
            }
        }
        return true;
    }
}
