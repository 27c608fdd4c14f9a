package conv4j.vision.models;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The known names nearest to a mistyped one, for "did you mean lenet5?": the same name written another way
 * ({@code LeNet-5}, {@code resnet_50}), else the names a few typing slips away (a letter missing, extra, wrong or two
 * swapped: {@code lenet}, {@code lenett5}, {@code minst}), else the names it begins ({@code fashion}). More than
 * {@value #MOST} equally near names suggest nothing: the full list says more.
 */
public final class DidYouMean {
    private static final int MOST = 3;

    private DidYouMean() {
    }

    /** {@code "did you mean lenet5?"}, {@code "did you mean resnet18, resnet34 or resnet50?"}, or "" for none. */
    public static String phrase(String typed, Collection<String> known) {
        List<String> near = near(typed, known);
        if (near.isEmpty()) {
            return "";
        }
        String last = near.get(near.size() - 1);
        return "did you mean " + (near.size() == 1 ? last
                : String.join(", ", near.subList(0, near.size() - 1)) + " or " + last) + "?";
    }

    /** The nearest known names, in their order, at most {@value #MOST}; none when nothing is near. */
    public static List<String> near(String typed, Collection<String> known) {
        String t = key(typed);
        if (t.isEmpty()) {
            return List.of();
        }
        List<String> same = new ArrayList<>();
        List<String> slips = new ArrayList<>();
        List<String> longer = new ArrayList<>();
        int fewest = slipsAllowed(t.length());
        for (String name : known) {
            String k = key(name);
            int d = distance(t, k);
            if (d == 0) {
                same.add(name);
            } else if (d < fewest) {
                fewest = d;
                slips.clear();
                slips.add(name);
            } else if (d == fewest) {
                slips.add(name);
            }
            if (t.length() >= 3 && k.startsWith(t)) {
                longer.add(name);
            }
        }
        for (List<String> candidates : List.of(same, slips, longer)) {
            if (!candidates.isEmpty()) {
                return candidates.size() <= MOST ? List.copyOf(candidates) : List.of();
            }
        }
        return List.of();
    }

    /** Short names allow one slip, longer ones two or three: "vgg" is one slip from five models, "vgg-a" from many. */
    private static int slipsAllowed(int length) {
        return length <= 4 ? 1 : length <= 8 ? 2 : 3;
    }

    /** Case, '-', '_', '.' and spaces do not tell names apart. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.\\s]", "");
    }

    /**
     * Optimal string alignment distance: the fewest insertions, deletions, substitutions and swaps of neighbouring
     * letters that turn {@code a} into {@code b}.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
