package conv4j.web;

/**
 * Finds a byte pattern in a byte array in time linear in the array (Knuth-Morris-Pratt): a mismatch after a partial
 * match resumes from the longest prefix of the pattern that is also a suffix of what matched, never going back in
 * the data. A plain scan restarts one byte after each attempt, which a hostile multipart body turns quadratic: a
 * boundary of 7,800 dashes over 5 MB of dashes and one other byte every 7,799 was 11 to 31 s of a core a request.
 */
final class ByteSearch {
    private final byte[] pattern;
    /** fallback[i]: the length of the longest proper prefix of pattern[0 .. i] that is also its suffix. */
    private final int[] fallback;

    ByteSearch(byte[] pattern) {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("the pattern to search for is empty");
        }
        this.pattern = pattern.clone();
        this.fallback = new int[pattern.length];
        int k = 0;
        for (int i = 1; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = fallback[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            fallback[i] = k;
        }
    }

    int length() {
        return pattern.length;
    }

    /** The first index at or after {@code from} where the pattern starts in {@code data}; -1 if none. */
    int in(byte[] data, int from) {
        int matched = 0;
        for (int i = Math.max(0, from); i < data.length; i++) {
            while (matched > 0 && data[i] != pattern[matched]) {
                matched = fallback[matched - 1];
            }
            if (data[i] == pattern[matched]) {
                matched++;
                if (matched == pattern.length) {
                    return i - pattern.length + 1;
                }
            }
        }
        return -1;
    }
}
