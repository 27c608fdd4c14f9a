package conv4j.cli;

import conv4j.io.PictureFileException;
import conv4j.kernels.Parallel;
import conv4j.vision.models.ModelRegistry;
import conv4j.vision.models.Models;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code conv4j} command. Exit codes: 0 ok, 1 the work failed, 2 bad usage. A user's mistake is one line on
 * stderr starting with {@code conv4j: }; stack traces only with {@code --debug} or {@code CONV4J_DEBUG=1}.
 */
@Command(name = "conv4j", versionProvider = Version.class,
        description = "Convolutional neural networks in pure Java.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, SummaryCommand.class,
            ModelsCommand.class, FcCostCommand.class, DataCommand.class, FilterCommand.class, LearnKernelCommand.class,
            ConvCommand.class, PoolCommand.class, FcCommand.class, VisualizeCommand.class, PlotCommand.class,
            ImportCommand.class, ExportCommand.class, ServeCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  CONV4J_DATA       the dataset cache (default: ~/.conv4j/data)",
            "  CONV4J_THREADS    worker threads (default: one per core)",
            "  CONV4J_JAVA_OPTS  extra JVM flags, read by the ./conv4j launcher (e.g. -Xmx8g)",
            "  JAVA_HOME         the Java that ./conv4j runs (default: java on the PATH)",
            "  CONV4J_DEBUG=1    print stack traces of errors, as --debug does",
            "",
            "Exit codes: 0 ok, 1 failed, 2 bad usage."})
public final class Main implements Runnable {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String DEBUG = "--debug";

    @Option(names = DEBUG, scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    // picocli's standard pair, but only the help is every command's: the version is conv4j's, not a command's
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Spec
    CommandSpec spec;

    private final ModelRegistry registry;

    public Main(ModelRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    ModelRegistry registry() {
        return registry;
    }

    /** Java 17 cannot ask whether stderr alone is a terminal; a console means stdin and stdout are. */
    boolean terminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** The command line with conv4j's error handling, for {@code main} and for tests. */
    public static CommandLine commandLine(ModelRegistry registry) {
        CommandLine cl = new CommandLine(new Main(registry));
        cl.setOverwrittenOptionsAllowed(true); // the last of a repeated option wins, as in most tools
        cl.setHelpFactory(WholeWordHelp::new);
        cl.setParameterExceptionHandler(Main::onUsageError);
        cl.setExecutionExceptionHandler(Main::onFailure);
        cl.setExecutionStrategy(Main::runChecked);
        return cl;
    }

    /**
     * Help and version as picocli gives them; any other command only once the environment's settings are good, so
     * that a bad CONV4J_THREADS is one line before any work (a dataset's download, a server's start), not a failure
     * at the first parallel loop.
     */
    private static int runChecked(ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        try {
            Parallel.checkEnvironment();
        } catch (IllegalArgumentException e) {
            CommandLine cl = parsed.commandSpec().commandLine();
            report(cl.getErr(), oneLine(e.getMessage()), e, debugRequested(parsed));
            return USAGE;
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    public static void main(String[] args) {
        System.exit(execute(commandLine(Models.registry()), args));
    }

    /**
     * Runs the command line; picocli hands Exceptions to {@link #onFailure}, and Errors that a user can act on (the
     * heap or the stack ran out) become one line here too, with the trace only under {@code --debug}.
     */
    static int execute(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            boolean debug = debugRequested(cl.getParseResult());
            PrintWriter err = cl.getErr();
            err.println("conv4j: " + errorLine(e, Runtime.getRuntime().maxMemory()));
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return FAILED;
        }
    }

    static String errorLine(Error e, long maxHeapBytes) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + oneLine(e.getMessage()) + ") with a heap of " + (maxHeapBytes >> 20)
                    + " MiB: give the JVM more (CONV4J_JAVA_OPTS=-Xmx8g) or use a smaller --batch-size";
        }
        return "the call stack overflowed (" + e.getClass().getSimpleName() + "); a model nested this deeply is "
                + "beyond conv4j: CONV4J_JAVA_OPTS=-Xss16m gives threads a larger stack";
    }

    private static int onUsageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        StringBuilder line = new StringBuilder(oneLine(e.getMessage()));
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", u.getSuggestions())).append('?');
        }
        line.append(" (see '").append(cl.getCommandSpec().qualifiedName()).append(" --help')");
        report(cl.getErr(), line.toString(), e, debugRequested(cl.getParseResult()));
        return USAGE;
    }

    private static int onFailure(Exception e, CommandLine cl, ParseResult parsed) {
        boolean debug = debugRequested(parsed);
        String message = userMessage(e);
        // Anything without a message written for the user is unexpected: say what it was and how to see more.
        String line = message != null ? message + argumentOrder(e, cl.getCommandSpec())
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()))
                        + (debug ? "" : " (run with --debug for the stack trace)");
        report(cl.getErr(), line, e, debug);
        return FAILED;
    }

    /**
     * The one line a user sees for an error they can act on: an IllegalArgumentException's or a file error's
     * message (a layer naming its shapes, a model file naming the bad field), or null for anything else.
     */
    static String userMessage(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        if ((e instanceof IllegalArgumentException || e instanceof java.io.IOException) && e.getMessage() != null) {
            return oneLine(e.getMessage());
        }
        return null;
    }

    /**
     * For a picture given where a model file goes, most often the arguments swapped, the order the command takes
     * them in ("; usage: conv4j predict <model> <image>..."); else "".
     */
    static String argumentOrder(Exception e, CommandSpec command) {
        boolean picture = false;
        for (Throwable t = e; t != null && !picture; t = t.getCause()) {
            picture = t instanceof PictureFileException;
        }
        List<PositionalParamSpec> positionals = command.positionalParameters();
        if (!picture || positionals.isEmpty()) {
            return "";
        }
        StringBuilder order = new StringBuilder("; usage: ").append(command.qualifiedName());
        for (PositionalParamSpec p : positionals) {
            boolean optional = p.arity().min() == 0;
            order.append(' ').append(optional ? "[" : "").append(p.paramLabel())
                    .append(p.isMultiValue() ? "..." : "").append(optional ? "]" : "");
        }
        return order.toString();
    }

    private static void report(PrintWriter err, String line, Exception e, boolean debug) {
        err.println("conv4j: " + line);
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean debugRequested(ParseResult parsed) {
        if ("1".equals(System.getenv("CONV4J_DEBUG"))) {
            return true;
        }
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DEBUG)) {
                return true;
            }
        }
        return false;
    }
}
