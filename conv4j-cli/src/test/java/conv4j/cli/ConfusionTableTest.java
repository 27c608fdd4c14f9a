package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionTableTest {

    @Test
    void shortClassNamesHeadTheColumnsOfPredictions() {
        List<String> lines = ConfusionTable.lines(List.of("cat", "dog", "bird"), new double[] {5 / 6.0, 0.7, 1.0},
                new long[] {6, 10, 4}, new long[][] {{5, 1, 0}, {2, 7, 1}, {0, 0, 4}});
        assertEquals(List.of(
                "                               predicted class",
                "true class  accuracy   images   cat   dog  bird",
                "cat           83.33%        6     5     1     0",
                "dog           70.00%       10     2     7     1",
                "bird         100.00%        4     0     0     4"), lines);
    }

    @Test
    void longClassNamesAreNumberedAndTheColumnsHeadedByTheNumbers() {
        List<String> lines = ConfusionTable.lines(List.of("blue-circle", "green-circle", "red-square"),
                new double[] {1.0, 0.5, 0.0}, new long[] {2, 2, 1200},
                new long[][] {{2, 0, 0}, {1, 1, 0}, {1000, 200, 0}});
        assertEquals(List.of(
                "                                   predicted class",
                "true class      accuracy   images     0     1     2",
                "0 blue-circle    100.00%        2     2     0     0",
                "1 green-circle    50.00%        2     1     1     0",
                "2 red-square       0.00%    1,200  1000   200     0"), lines);
    }

    @Test
    void tenClassesStayAlignedUnderTheirHeaders() {
        List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                "Sneaker", "Bag", "Ankle boot");
        long[][] counts = new long[10][10];
        long[] images = new long[10];
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                counts[t][p] = t == p ? 900 + 10L * t : (t * 7 + p * 3) % 5 == 0 ? 12 : 0;
                images[t] += counts[t][p];
            }
        }
        List<String> lines = ConfusionTable.lines(names, new double[10], images, counts);
        assertEquals(12, lines.size());
        String header = lines.get(1);
        List<Integer> ends = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            String label = (c == 0 ? " " : "  ") + c; // a one-digit number ends each column: " 0", "  1", ...
            int end = header.indexOf(label, ends.isEmpty() ? header.indexOf("images") : ends.get(c - 1))
                    + label.length();
            ends.add(end);
        }
        assertEquals(header.length(), ends.get(9));
        for (int t = 0; t < 10; t++) {
            String row = lines.get(2 + t);
            assertEquals(header.length(), row.length(), row);
            assertEquals(t + " " + names.get(t), row.substring(0, (t + " " + names.get(t)).length()));
            for (int p = 0; p < 10; p++) {
                String value = Long.toString(counts[t][p]);
                int end = ends.get(p);
                assertEquals(value, row.substring(end - value.length(), end), "row " + t + " column " + p);
                assertEquals(' ', row.charAt(end - value.length() - 1), "row " + t + " column " + p);
            }
        }
        // the axis names: "true class" over the rows' names, "predicted class" from the first column on
        assertEquals(0, header.indexOf("true class"));
        assertEquals(header.indexOf("images") + "images".length() + 2, lines.get(0).indexOf("predicted class"));
    }
}
