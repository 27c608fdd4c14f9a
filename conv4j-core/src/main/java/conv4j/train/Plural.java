package conv4j.train;

import java.util.Locale;

/**
 * A count with its noun, as reports print them: "1 epoch", "2 epochs", "60,000 images", "3 classes". The nouns a run
 * counts take -s, -es after a hiss (class, box, batch, branch; but an epoch's ch is a k) or -ies after a consonant
 * and y; a word outside these rules gives its plural. A name of several words counts in its last ("1 training
 * image").
 */
public final class Plural {
    private Plural() {
    }

    /** {@code n} in Locale.ROOT's thousands ({@code 1,000}) and the noun, singular for exactly one. */
    public static String of(long n, String noun) {
        return String.format(Locale.ROOT, "%,d ", n) + noun(n, noun);
    }

    /** As {@link #of(long, String)}, for a noun whose plural the rules miss. */
    public static String of(long n, String singular, String plural) {
        check(singular);
        check(plural);
        return String.format(Locale.ROOT, "%,d ", n) + (n == 1 ? singular : plural);
    }

    /** The noun alone, singular for exactly one: for texts such as "12 of 60,000 images". */
    public static String noun(long n, String noun) {
        check(noun);
        return n == 1 ? noun : plural(noun);
    }

    private static void check(String noun) {
        if (noun == null || noun.isBlank()) {
            throw new IllegalArgumentException("a count needs a noun, received '" + noun + "'");
        }
    }

    private static String plural(String noun) {
        if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("z") || noun.endsWith("sh")
                || noun.endsWith("tch") || noun.endsWith("nch") || noun.endsWith("rch")) {
            return noun + "es";
        }
        if (noun.endsWith("y") && noun.length() > 1 && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }
}
