package conv4j.vision.models;

import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ResNet paper's table 1 (He, Zhang, Ren and Sun, 2015) for the depths asked for: per stage its output size, then
 * each depth's layers, residual blocks in brackets with the number stacked, and the FLOPs, all read from the zoo's
 * models of the paper's layout ({@code resnet50-v1}: the stride of a downsampling bottleneck in its first 1x1).
 */
final class ResNetTables implements PaperFamily {
    private static final int[] DEPTHS = {18, 34, 50, 101, 152};
    private static final Pattern DEPTH = Pattern.compile("resnet(\\d+)(-v1)?");

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (int depth : DEPTHS) {
            columns.add(Models.paperLayout("resnet" + depth));
        }
        return columns;
    }

    @Override
    public List<PaperTable> tables(List<String> models) {
        List<PaperTable.Column> columns = new ArrayList<>();
        List<List<ResNetTable.Row>> stages = new ArrayList<>();
        for (String model : models) {
            Matcher m = DEPTH.matcher(model);
            if (!columns().contains(model) || !m.matches()) {
                throw new IllegalArgumentException("'" + model + "' is no column of the ResNet paper's table 1; its "
                        + "columns: " + String.join(", ", columns()));
            }
            columns.add(new PaperTable.Column(m.group(1) + "-layer", model, ""));
            Shape input = Models.list().get(model).inputShape();
            // The weights do not matter for counting; a fixed seed keeps it reproducible.
            stages.add(ResNetTable.rows((Sequential) Models.create(model, new Rng(0)), input));
        }
        List<PaperTable.Row> rows = new ArrayList<>();
        List<ResNetTable.Row> first = stages.get(0);
        for (int i = 0; i < first.size(); i++) {
            int r = i;
            List<ResNetTable.Row> row = stages.stream().map(s -> s.get(r)).toList();
            List<String> lead = List.of(first.get(i).name(), ResNetTable.outputSize(first.get(i).output()));
            for (int j = 0; j < first.get(i).layers().size(); j++) {
                int l = j;
                List<String> cells = new ArrayList<>(row.stream().map(s -> s.layers().get(l)).toList());
                if (r == first.size() - 1 && l == first.get(i).layers().size() - 1) {
                    // The paper's table ends with the soft-max of the loss, which is no layer of the model.
                    cells.replaceAll(c -> c + ", softmax");
                }
                rows.add(new PaperTable.Row(lead, cells, cells.stream().distinct().count() == 1));
            }
            if (row.stream().anyMatch(s -> !s.blocks().isEmpty())) {
                rows.add(new PaperTable.Row(lead, row.stream().map(ResNetTable.Row::blocks).toList(), false));
            }
        }
        List<Long> flops = stages.stream().map(s -> s.stream().mapToLong(ResNetTable.Row::multiplyAdds).sum())
                .toList();
        rows.add(new PaperTable.Row(List.of("FLOPs", ""), flops.stream().map(f -> String.format(Locale.ROOT,
                "%.2f x 10^9", f / 1e9)).toList(), false));
        rows.add(new PaperTable.Row(List.of("multiply-adds", ""), flops.stream().map(f -> String.format(Locale.ROOT,
                "%,d", f)).toList(), false));
        return List.of(new PaperTable("Table 1 of He, Zhang, Ren and Sun (2015), \"Deep residual learning for image "
                + "recognition\": architectures for ImageNet", List.of("layer name", "output size"), columns, rows,
                List.of("Building blocks are shown in brackets, with the numbers of blocks stacked. Down-sampling is "
                        + "performed by conv3_1, conv4_1 and conv5_1 with a stride of 2 (in a bottleneck, in its "
                        + "first 1x1, as in the paper).", "FLOPs: multiply-adds for one image, counted in the zoo's "
                        + "models " + String.join(", ", models) + ".")));
    }
}
