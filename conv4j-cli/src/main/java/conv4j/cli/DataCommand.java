package conv4j.cli;

import conv4j.vision.data.DataCache;
import conv4j.vision.data.DatasetCatalog;
import conv4j.vision.data.DatasetSpec;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "data",
        description = {
            "Fetch datasets into the cache folder and check them.",
            "Every file is checked against a SHA-256 sum kept in conv4j before it is used."},
        subcommands = {DataFetchCommand.class, DataListCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j data fetch mnist",
            "  conv4j data list",
            "",
            "Environment:",
            "  CONV4J_DATA    the cache folder without --data-dir (default: ~/.conv4j/data)"})
final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    // What the subcommands work with. Tests set these on the instance that picocli created.
    DatasetCatalog catalog = DatasetCatalog.standard();
    Function<String, String> environment = System::getenv;
    Path userHome = Path.of(System.getProperty("user.home"));
    /** Java 17 cannot ask whether stderr alone is a terminal; a console means stdin and stdout are. */
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    DataCache cache(Path dataDir) {
        return DataCache.resolve(dataDir, environment, userHome);
    }

    /** The dataset of that name; an unknown name is bad usage. */
    DatasetSpec dataset(CommandSpec command, String name) {
        try {
            return catalog.spec(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
