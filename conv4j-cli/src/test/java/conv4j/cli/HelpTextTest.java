package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conv4j.vision.models.Models;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** What {@code conv4j --help} and {@code conv4j <command> --help} print, for every command. */
class HelpTextTest {

    /** Every command below the top one, as the words that name it: [train], [data, fetch], ... */
    private static List<List<String>> subcommands() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(Models.registry()), List.of(), paths);
        return paths;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> paths) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getCommandName());
            paths.add(subPath);
            collect(sub, subPath, paths);
        }
    }

    private static CommandSpec spec(List<String> path) {
        CommandLine cl = Main.commandLine(Models.registry());
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        return cl.getCommandSpec();
    }

    private static String name(List<String> path) {
        return String.join(" ", Stream.concat(Stream.of("conv4j"), path.stream()).toList());
    }

    private static String help(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    /** The lines of the section that starts with {@code heading}, up to the first blank line. */
    private static List<String> section(String help, String heading) {
        List<String> lines = help.lines().toList();
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, "no '" + heading + "' in\n" + help);
        List<String> section = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
            section.add(lines.get(i));
        }
        return section;
    }

    /** Each command of a "Commands:" list with its summary, a wrapped summary joined into one line. */
    private static List<String[]> commandList(String help) {
        List<String[]> entries = new ArrayList<>();
        for (String line : section(help, "Commands:")) {
            Matcher entry = Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
            if (entry.matches()) {
                entries.add(new String[] {entry.group(1), entry.group(2)});
            } else {
                String[] last = entries.get(entries.size() - 1);
                last[1] = last[1] + " " + line.strip();
            }
        }
        return entries;
    }

    @Test
    void everyCommandIsListedWithAWholeSentence() {
        int seen = 0;
        for (List<String> parent : Stream.concat(Stream.of(List.<String>of()), subcommands().stream()).toList()) {
            Set<String> names = spec(parent).subcommands().keySet();
            if (names.isEmpty()) {
                continue;
            }
            List<String[]> listed = commandList(help(parent));
            assertEquals(List.copyOf(names), listed.stream().map(e -> e[0]).toList());
            for (String[] entry : listed) {
                String summary = entry[1];
                assertTrue(summary.endsWith(".") && Character.isUpperCase(summary.charAt(0)),
                        name(parent) + " --help lists " + entry[0] + " as: " + summary);
                seen++;
            }
        }
        assertTrue(seen > 10, "only " + seen + " commands");
    }

    @Test
    void noWordOfAnyHelpIsBrokenAcrossLines() {
        for (List<String> path : Stream.concat(Stream.of(List.<String>of()), subcommands().stream()).toList()) {
            String help = help(path);
            Set<String> printed = new HashSet<>(Arrays.asList(help.split("\\s+")));
            CommandSpec spec = spec(path);
            List<String> texts = new ArrayList<>();
            texts.addAll(Arrays.asList(spec.usageMessage().description()));
            texts.addAll(Arrays.asList(spec.usageMessage().footer()));
            for (CommandSpec sub : spec.subcommands().values().stream().map(CommandLine::getCommandSpec).toList()) {
                texts.add(sub.usageMessage().description()[0]);
            }
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec arg : args) {
                for (String line : arg.description()) {
                    texts.add(line.replace("${DEFAULT-VALUE}", String.valueOf(arg.defaultValueString())));
                }
            }
            for (String text : texts) {
                for (String word : text.strip().split("\\s+")) {
                    if (!word.isEmpty() && !word.contains("%")) {
                        assertTrue(printed.contains(word), name(path) + " --help breaks '"
                                + word + "' across lines:\n" + help);
                    }
                }
            }
            assertFalse(help.contains("~/. ") || help.contains("~/.\n") || help.contains(". safetensors"), help);
        }
    }

    /** The CONV4J_ variables that conv4j's own code and its launcher mention; test-only ones live under src/test. */
    private static Set<String> variablesConv4jReads() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("conv4j")), "not the repository root: " + root);
        List<Path> files = new ArrayList<>(List.of(root.resolve("conv4j")));
        for (String module : List.of("conv4j-core", "conv4j-vision", "conv4j-onnx", "conv4j-web", "conv4j-cli")) {
            try (Stream<Path> tree = Files.walk(root.resolve(module).resolve("src/main"))) {
                files.addAll(tree.filter(Files::isRegularFile).toList());
            }
        }
        Set<String> variables = new TreeSet<>();
        Pattern name = Pattern.compile("CONV4J_[A-Z_]*[A-Z]");
        for (Path file : files) {
            Matcher m = name.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            while (m.find()) {
                variables.add(m.group());
            }
        }
        return variables;
    }

    @Test
    void theEnvironmentSectionNamesEveryVariableConv4jReads() throws IOException {
        Set<String> variables = variablesConv4jReads();
        assertTrue(variables.containsAll(List.of("CONV4J_THREADS", "CONV4J_DATA", "CONV4J_JAVA_OPTS")), "" + variables);
        List<String> environment = section(help(List.of()), "Environment:");
        for (String variable : variables) {
            assertTrue(environment.stream().anyMatch(l -> l.matches("  " + variable + "\\b.*\\S.*")),
                    variable + " is missing from\n" + String.join("\n", environment));
        }
        assertTrue(environment.stream().anyMatch(l -> l.contains("~/.conv4j/data")), "" + environment);
        assertTrue(environment.stream().anyMatch(l -> l.contains("-Xmx8g")), "" + environment);
    }

    /** A command line as a shell splits it: words, with double quotes around words that hold ';'. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }

    @Test
    void everyCommandShowsExamplesThatParseAsThatCommandOrOneOfItsOwn() {
        for (List<String> path : subcommands()) {
            String help = help(path);
            List<String> examples = section(help, "Examples:").stream()
                    .filter(l -> l.startsWith("  conv4j ")).map(String::strip).toList();
            assertFalse(examples.isEmpty(), name(path) + " --help has no examples");
            for (String example : examples) {
                List<String> words = words(example);
                assertEquals("conv4j", words.get(0), example);
                ParseResult parsed;
                try {
                    parsed = Main.commandLine(Models.registry()).parseArgs(
                            words.subList(1, words.size()).toArray(String[]::new));
                } catch (ParameterException e) {
                    fail(example + ": " + e.getMessage());
                    return;
                }
                List<String> names = new ArrayList<>();
                for (ParseResult p = parsed.subcommand(); p != null; p = p.subcommand()) {
                    names.add(p.commandSpec().name());
                }
                assertEquals(path, names.subList(0, Math.min(path.size(), names.size())), example);
            }
        }
    }

    @Test
    void theTrainingExamplesIncludeAnImageFolder() {
        List<String> examples = section(help(List.of("train")), "Examples:");
        assertTrue(examples.contains("  conv4j train"), "" + examples);
        assertTrue(examples.stream().anyMatch(l -> l.contains("--dataset ./")), "" + examples);
    }

    @Test
    void onlyTheTopCommandHasAVersionOption() {
        assertTrue(help(List.of()).contains("-V, --version"));
        for (List<String> path : subcommands()) {
            String help = help(path);
            assertFalse(help.contains("--version") || help.contains("-V"), help);
            assertTrue(help.contains("-h, --help"), help);
            List<String> args = new ArrayList<>(path);
            args.add("--version");
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), name(args) + ": " + r.out() + r.err());
            assertEquals("", r.out());
            r.errorLine();
        }
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("conv4j "), version.out());
    }

    /**
     * Lines written one under the other stay so: a footer line, or a description line that its paragraph goes on
     * after, that is wider than the help would be wrapped into a line of its own, mid-sentence.
     */
    @Test
    void handWrappedLinesFitTheWidth() {
        for (List<String> path : Stream.concat(Stream.of(List.<String>of()), subcommands().stream()).toList()) {
            CommandSpec spec = spec(path);
            int width = spec.usageMessage().width();
            String[] description = spec.usageMessage().description();
            for (int i = 0; i + 1 < description.length; i++) {
                assertTrue(description[i].length() <= width || description[i + 1].isBlank(),
                        name(path) + ": wider than " + width + ": " + description[i]);
            }
            for (String line : spec.usageMessage().footer()) {
                assertTrue(line.length() <= width, name(path) + ": wider than " + width + ": " + line);
            }
        }
    }

    @Test
    void theWalkOverCommandsReachesNestedOnes() {
        assertTrue(subcommands().stream().map(p -> String.join(" ", p)).collect(Collectors.toSet())
                .containsAll(List.of("train", "data fetch", "data list")));
    }
}
