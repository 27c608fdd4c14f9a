package conv4j.cli;

import conv4j.train.Dataset;
import conv4j.vision.data.DataCache;
import conv4j.vision.data.DatasetCatalog;
import conv4j.vision.data.DatasetFetcher;
import conv4j.vision.data.FetchResult;
import conv4j.vision.data.MnistDataset;
import conv4j.vision.data.MnistSplit;
import conv4j.vision.data.MnistVariant;
import conv4j.vision.training.PixelStatistics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code --dataset} names: {@code mnist} or {@code fashion-mnist} (fetched into the cache first, checked against
 * their sums), or a folder holding the four IDX files of an MNIST-style dataset with labels 0 to 9.
 */
record DatasetChoice(String name, Path folder, List<String> classNames, double mean, double std) {

    /** Fetches a named dataset (progress on the command's stderr) or checks a folder; an unknown name is bad usage. */
    static DatasetChoice resolve(CommandSpec command, String dataset, Path dataDir, boolean terminal) {
        PrintWriter err = command.commandLine().getErr();
        if (DatasetCatalog.standard().names().contains(dataset)) {
            MnistVariant variant = MnistVariant.byId(dataset);
            FetchProgress progress = new FetchProgress(err, terminal, dataset);
            try {
                FetchResult fetched = new DatasetFetcher(DataCache.resolve(dataDir), progress)
                        .fetch(DatasetCatalog.standard().spec(dataset));
                return new DatasetChoice(dataset, fetched.folder(), variant.classNames(), variant.mean(),
                        variant.std());
            } catch (IOException e) {
                progress.clear();
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        Path folder = Path.of(dataset);
        if (!Files.isDirectory(folder)) {
            throw DatasetKind.notFound(command, dataset, " or a folder holding the four IDX files "
                    + "(train-images-idx3-ubyte[.gz], ...)");
        }
        return new DatasetChoice(folder.toString(), folder, numbered(10), Double.NaN, Double.NaN);
    }

    private static List<String> numbered(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }

    Dataset load(MnistSplit split) {
        try {
            return MnistDataset.load(folder, split, classNames);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The dataset's mean and std of pixel values, computed from its training split when not published. */
    DatasetChoice withStatistics(Dataset train) {
        if (!Double.isNaN(mean)) {
            return this;
        }
        PixelStatistics p = PixelStatistics.of(train);
        return new DatasetChoice(name, folder, classNames, p.mean(), p.std());
    }
}
