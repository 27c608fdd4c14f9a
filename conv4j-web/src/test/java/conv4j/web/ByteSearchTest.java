package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteSearchTest {
    /** The first match by trying every position: the definition the search must agree with. */
    private static int plain(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void partialMatchesThatOverlapTheMatchAreNotSkipped() {
        assertEquals(3, new ByteSearch(bytes("aaab")).in(bytes("aaaaaab"), 0));
        assertEquals(2, new ByteSearch(bytes("abab c")).in(bytes("ababab c"), 0));
        assertEquals(2, new ByteSearch(bytes("\r\n--x")).in(bytes("\r\n\r\n--x"), 0));
        assertEquals(-1, new ByteSearch(bytes("--x")).in(bytes("--"), 0));
        assertEquals(5, new ByteSearch(bytes("--x")).in(bytes("--x\r\n--x"), 1));
    }

    @Test
    void agreesWithTryingEveryPositionOnSmallAlphabets() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] data = new byte[random.nextInt(40)];
            byte[] pattern = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ('a' + random.nextInt(2));
            }
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) ('a' + random.nextInt(2));
            }
            int from = random.nextInt(5) - 1;
            assertEquals(plain(data, pattern, from), new ByteSearch(pattern).in(data, from),
                    new String(pattern) + " in " + new String(data) + " from " + from);
        }
    }
}
