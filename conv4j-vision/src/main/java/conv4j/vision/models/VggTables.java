package conv4j.vision.models;

import conv4j.nn.Conv2d;
import conv4j.nn.Linear;
import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The VGG paper's tables 1 and 2 (Simonyan and Zisserman, 2014) for the configurations asked for: table 1 with the
 * layers of each configuration in a column, from {@link Vgg}'s configurations, and table 2 with the parameters of
 * each, counted in the zoo's models.
 */
final class VggTables implements PaperFamily {
    /** What the tables need of a built model: its weight layers, fully connected widths and parameters. */
    private record Counted(String config, String model, Shape input, int weightLayers, List<Integer> fullyConnected,
                           long parameters) {
    }

    @Override
    public String name() {
        return "vgg";
    }

    @Override
    public List<String> columns() {
        return Vgg.TABLE_1.stream().map(Models::vggName).toList();
    }

    @Override
    public List<PaperTable> tables(List<String> models) {
        List<Counted> counted = new ArrayList<>();
        for (String model : models) {
            counted.add(count(model)); // one at a time: each VGG holds half a gigabyte of weights
        }
        return List.of(configurations(counted), parameters(counted));
    }

    private Counted count(String model) {
        String config = Vgg.TABLE_1.stream().filter(c -> Models.vggName(c).equals(model)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + model + "' is no column of the VGG paper's "
                        + "table 1; its columns: " + String.join(", ", columns())));
        Shape input = Models.list().get(model).inputShape();
        // The weights do not matter for counting; a fixed seed keeps it reproducible.
        Module net = Models.create(model, new Rng(0));
        List<Integer> fc = new ArrayList<>();
        int weightLayers = 0;
        for (Module m : net.modules()) {
            if (m instanceof Linear l) {
                fc.add(l.outFeatures());
            }
            if (m instanceof Conv2d || m instanceof Linear) {
                weightLayers++;
            }
        }
        return new Counted(config, model, input, weightLayers, fc, net.parameterCount());
    }

    private static PaperTable configurations(List<Counted> counted) {
        int n = counted.size();
        List<PaperTable.Column> columns = counted.stream().map(c -> new PaperTable.Column(c.config(), c.model(),
                c.weightLayers() + " weight layers")).toList();
        List<PaperTable.Row> rows = new ArrayList<>();
        rows.add(sameOrEach(counted.stream().map(c -> input(c.input())).toList()));
        List<List<List<String>>> stages = counted.stream().map(c -> Vgg.stages(c.config())).toList();
        int stageCount = stages.stream().mapToInt(List::size).max().orElse(0);
        for (int s = 0; s < stageCount; s++) {
            int depth = 0;
            for (List<List<String>> column : stages) {
                depth = Math.max(depth, s < column.size() ? column.get(s).size() : 0);
            }
            for (int i = 0; i < depth; i++) {
                List<String> cells = new ArrayList<>();
                for (List<List<String>> column : stages) {
                    boolean has = s < column.size() && i < column.get(s).size();
                    cells.add(has ? column.get(s).get(i) : "");
                }
                rows.add(new PaperTable.Row(List.of(), cells, false));
            }
            rows.add(PaperTable.Row.across(List.of(), "maxpool", n));
        }
        int fcCount = counted.stream().mapToInt(c -> c.fullyConnected().size()).max().orElse(0);
        for (int i = 0; i < fcCount; i++) {
            int layer = i;
            rows.add(sameOrEach(counted.stream().map(c -> layer < c.fullyConnected().size()
                    ? "FC-" + c.fullyConnected().get(layer) : "").toList()));
        }
        // The paper's last row is the soft-max of the loss, which is no layer of the model.
        rows.add(PaperTable.Row.across(List.of(), "soft-max", n));
        return new PaperTable("Table 1 of Simonyan and Zisserman (2014), \"Very deep convolutional networks for "
                + "large-scale image recognition\": ConvNet configurations (shown in columns)", List.of(), columns,
                rows, List.of("conv<receptive field size>-<number of channels>; the ReLU after each convolution is "
                + "not shown. Weight layers counted in the zoo's models " + String.join(", ",
                counted.stream().map(Counted::model).toList()) + "."));
    }

    private static PaperTable parameters(List<Counted> counted) {
        List<PaperTable.Column> columns = counted.stream().map(c -> new PaperTable.Column(c.config(), c.model(), ""))
                .toList();
        List<String> millions = counted.stream().map(c -> String.format(Locale.ROOT, "%d",
                Math.round(c.parameters() / 1e6))).toList();
        List<String> exact = counted.stream().map(c -> String.format(Locale.ROOT, "%,d", c.parameters())).toList();
        return new PaperTable("Table 2: number of parameters (in millions)", List.of("Network"), columns,
                List.of(new PaperTable.Row(List.of("Number of parameters"), millions, false),
                        new PaperTable.Row(List.of("exactly"), exact, false)),
                List.of("Counted in the zoo's models: weights and biases, for a 224 x 224 input and 1000 classes. "
                        + "LRN learns nothing, so A-LRN has A's count; the paper gives them one column."));
    }

    /** A row across the columns where every column has the same cell, as the paper prints it; else cell by cell. */
    private static PaperTable.Row sameOrEach(List<String> cells) {
        return new PaperTable.Row(List.of(), cells, cells.stream().distinct().count() == 1);
    }

    private static String input(Shape input) {
        return "input (" + input.dim(1) + " x " + input.dim(2) + (input.dim(0) == 3 ? " RGB" : "") + " image)";
    }
}
