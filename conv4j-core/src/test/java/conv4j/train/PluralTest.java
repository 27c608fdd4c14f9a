package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PluralTest {

    @Test
    void oneTakesTheSingularEveryOtherCountThePlural() {
        assertEquals("1 epoch", Plural.of(1, "epoch"));
        assertEquals("0 epochs", Plural.of(0, "epoch"));
        assertEquals("2 epochs", Plural.of(2, "epoch"));
        assertEquals("-1 steps", Plural.of(-1, "step"));
    }

    @Test
    void countsAreGroupedInThousands() {
        assertEquals("60,000 images", Plural.of(60_000, "image"));
        assertEquals("1,000,000 parameters", Plural.of(1_000_000, "parameter"));
    }

    @Test
    void wordsEndingInAHissTakeEsAndAConsonantYTakesIes() {
        assertEquals("1 class", Plural.of(1, "class"));
        assertEquals("3 classes", Plural.of(3, "class"));
        assertEquals("2 batches", Plural.of(2, "batch"));
        assertEquals("4 boxes", Plural.of(4, "box"));
        assertEquals("5 entries", Plural.of(5, "entry"));
        assertEquals("6 arrays", Plural.of(6, "array"));
        assertEquals("7 branches", Plural.of(7, "branch"));
        assertEquals("8 epochs", Plural.of(8, "epoch"));
    }

    @Test
    void aNounOutsideTheRulesGivesItsPlural() {
        assertEquals("1 matrix", Plural.of(1, "matrix", "matrices"));
        assertEquals("2 matrices", Plural.of(2, "matrix", "matrices"));
    }

    @Test
    void theLastWordOfANameIsTheOneThatCounts() {
        assertEquals("1 training image", Plural.of(1, "training image"));
        assertEquals("2 training images", Plural.of(2, "training image"));
        assertEquals("image", Plural.noun(1, "image"));
        assertEquals("images", Plural.noun(7, "image"));
    }

    @Test
    void aNounIsNeeded() {
        assertThrows(IllegalArgumentException.class, () -> Plural.of(1, " "));
    }
}
