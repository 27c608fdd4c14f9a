package conv4j.vision.models;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The papers' tables that put a family's networks side by side: {@code vgg} (the VGG paper's tables 1 and 2,
 * configurations A to E) and {@code resnet} (the ResNet paper's table 1, 18 to 152 layers). Every cell is read from
 * the zoo: the layers from the families' tables, the counts from the models built.
 */
public final class PaperTables {
    private static final List<PaperFamily> FAMILIES = List.of(new VggTables(), new ResNetTables());

    /** A family's tables for some of its networks: what {@code conv4j summary vgg --paper --json} prints. */
    public record Family(String family, List<PaperTable> tables) {
        public Family {
            tables = List.copyOf(tables);
        }

        /** The tables as text, for a terminal of 120 columns. */
        public String render() {
            StringBuilder b = new StringBuilder();
            for (PaperTable t : tables) {
                b.append(b.length() == 0 ? "" : "\n").append(PaperTableText.render(t));
            }
            return b.toString();
        }
    }

    private PaperTables() {
    }

    /** The families that have a paper table, as the command line names them. */
    public static List<String> families() {
        return FAMILIES.stream().map(PaperFamily::name).toList();
    }

    public static boolean isFamily(String name) {
        return families().contains(name);
    }

    /** The zoo's models that are the columns of {@code family}'s table, left to right. */
    public static List<String> columns(String family) {
        return family(family).columns();
    }

    /** Every network of {@code family} ({@code vgg}, {@code resnet}) side by side. */
    public static Family of(String family) {
        PaperFamily f = family(family);
        return new Family(f.name(), f.tables(f.columns()));
    }

    /**
     * The networks {@code models} side by side in their order, all of one family's table; a model of the zoo whose
     * layout differs from the paper's is taken in the paper's ({@code resnet50} as {@code resnet50-v1}).
     */
    public static Family of(List<String> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a paper table needs at least one network");
        }
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        PaperFamily family = null;
        for (String name : models) {
            String model = Models.list().containsKey(name) ? Models.paperLayout(name) : name;
            PaperFamily f = FAMILIES.stream().filter(x -> x.columns().contains(model)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is in no paper's table; "
                            + describeColumns()));
            if (family != null && f != family) {
                throw new IllegalArgumentException("'" + models.get(0) + "' and '" + name + "' are in different "
                        + "papers' tables (" + family.name() + ", " + f.name() + "); " + describeColumns());
            }
            if (!seen.add(model)) {
                throw new IllegalArgumentException("'" + name + "' is named twice: a table has each network once");
            }
            family = f;
            columns.add(model);
        }
        return new Family(family.name(), family.tables(columns));
    }

    private static PaperFamily family(String name) {
        return FAMILIES.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown family '" + name + "'; the families with a "
                        + "paper table: " + String.join(", ", families())));
    }

    /** Each family's columns: {@code the columns of vgg's: vgg-a, ...; of resnet's: resnet18, ...}. */
    private static String describeColumns() {
        List<String> parts = new ArrayList<>();
        for (PaperFamily f : FAMILIES) {
            parts.add((parts.isEmpty() ? "the columns of " : "of ") + f.name() + "'s: " + String.join(", ",
                    f.columns()));
        }
        return String.join("; ", parts);
    }
}
