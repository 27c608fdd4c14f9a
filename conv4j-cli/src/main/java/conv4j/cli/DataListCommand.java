package conv4j.cli;

import conv4j.train.Plural;
import conv4j.vision.data.DataCache;
import conv4j.vision.data.DatasetFetcher;
import conv4j.vision.data.DatasetSpec;
import conv4j.vision.data.FetchListener;
import conv4j.vision.data.FileCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list",
        description = {
            "Show which datasets are in the cache folder and whether their files verify.",
            "Reads the files (a second or so for MNIST); writes nothing."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j data list",
            "  conv4j data list --json"})
final class DataListCommand implements Callable<Integer> {

    /** The --json form. */
    record Report(String folder, List<Dataset> datasets) {
    }

    record Dataset(String name, String status, int verified, int files, String folder, List<Problem> problems) {
    }

    record Problem(String file, String status, String problem) {
    }

    @ParentCommand
    DataCommand data;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The cache folder (default: $CONV4J_DATA, else ~/.conv4j/data).")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON object with each dataset's status.")
    boolean json;

    @Override
    public Integer call() {
        DataCache cache = data.cache(dataDir);
        DatasetFetcher fetcher = new DatasetFetcher(cache, FetchListener.SILENT);
        List<Dataset> rows = new ArrayList<>();
        for (DatasetSpec d : data.catalog.specs()) {
            List<FileCheck> checks = fetcher.check(d);
            List<Problem> problems = checks.stream().filter(c -> !c.verified())
                    .map(c -> new Problem(c.file().gzName(), c.status().name().toLowerCase(java.util.Locale.ROOT), c.problem()))
                    .toList();
            int verified = checks.size() - problems.size();
            rows.add(new Dataset(d.name(), status(checks), verified, checks.size(), cache.folder(d.name()).toString(),
                    problems));
        }

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(new Report(cache.root().toString(), rows)));
        } else {
            out.println("cache folder " + cache.root());
            for (Dataset r : rows) {
                out.printf("  %-16s %-10s %d of %s verified%s%n", r.name(), r.status(), r.verified(),
                        Plural.of(r.files(), "file"),
                        r.status().equals("verified") ? "" : "  (conv4j data fetch " + r.name() + ")");
                for (Problem p : r.problems()) {
                    if (!p.status().equals("missing")) {
                        out.printf("    %s: %s%n", p.file(), p.problem());
                    }
                }
            }
        }
        out.flush();
        return Main.OK;
    }

    /** verified: all files; missing: none there; bad: a file there that does not verify; else incomplete. */
    private static String status(List<FileCheck> checks) {
        if (checks.stream().allMatch(FileCheck::verified)) {
            return "verified";
        }
        if (checks.stream().anyMatch(c -> c.status() == FileCheck.Status.BAD)) {
            return "bad";
        }
        return checks.stream().allMatch(c -> c.status() == FileCheck.Status.MISSING) ? "missing" : "incomplete";
    }
}
