package conv4j.vision.data;

import static conv4j.vision.data.IdxBytes.counting;
import static conv4j.vision.data.IdxBytes.gzip;
import static conv4j.vision.data.IdxBytes.idx;
import static conv4j.vision.data.IdxBytes.images;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** The reader's message for this file, which must name the file and contain every fragment. */
    private void assertRefused(Path file, int rank, String... fragments) {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file, rank));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aSmallImagesFileRoundTripsRawAndGzipped() throws IOException {
        byte[] pixels = counting(2 * 3 * 4);
        pixels[5] = (byte) 255;
        byte[] raw = images(2, 3, 4, pixels);
        for (Path p : new Path[] {write("images-idx3-ubyte", raw), write("images-idx3-ubyte.gz", gzip(raw))}) {
            IdxFile f = IdxReader.read(p, 3);
            assertArrayEquals(new int[] {2, 3, 4}, f.dims());
            assertEquals(2, f.count());
            assertArrayEquals(pixels, f.data());
            assertEquals(255, f.unsigned(5));
            assertEquals(p.toString(), f.name());
        }
    }

    @Test
    void aLabelsFileRoundTrips() throws IOException {
        IdxFile f = IdxReader.read(write("labels.gz", gzip(IdxBytes.labels((byte) 7, (byte) 0, (byte) 9))), 1);
        assertArrayEquals(new int[] {3}, f.dims());
        assertArrayEquals(new byte[] {7, 0, 9}, f.data());
    }

    @Test
    void wrongMagicIsRefused() throws IOException {
        byte[] b = images(1, 2, 2, new byte[4]);
        b[0] = 0x01;
        assertRefused(write("bad-magic", b), 3, "magic is 0x01 0x00", "expected 0x00 0x00");
    }

    @Test
    void anElementTypeOtherThanUnsignedByteIsRefusedByName() throws IOException {
        assertRefused(write("floats", idx(0x0D, new long[] {1, 1, 1}, new byte[4])), 3,
                "element type 0x0D (float) is not supported", "0x08");
        assertRefused(write("unknown-type", idx(0x07, new long[] {1, 1, 1}, new byte[1])), 3,
                "element type 0x07 (not an IDX type)");
    }

    @Test
    void zeroDimensionsAreRefused() throws IOException {
        assertRefused(write("rank0", idx(0x08, new long[0], new byte[1])), 3, "dimension count is 0, expected 3");
    }

    @Test
    void twoHundredFiftyFiveDimensionsAreRefused() throws IOException {
        long[] dims = new long[255];
        Arrays.fill(dims, 1);
        assertRefused(write("rank255", idx(0x08, dims, new byte[1])), 3, "dimension count is 255, expected 3");
        assertRefused(write("rank3-for-labels", images(1, 1, 1, new byte[1])), 1, "dimension count is 3, expected 1");
    }

    @Test
    void aDimensionOfZeroIsRefused() throws IOException {
        assertRefused(write("train-images-idx3-ubyte.gz", gzip(idx(0x08, new long[] {2, 28, 0}, new byte[0]))), 3,
                "dimension 2 is 0, expected >= 1");
    }

    @Test
    void aDimensionOver2To31Minus1IsRefused() throws IOException {
        assertRefused(write("huge-dim", idx(0x08, new long[] {0xFFFF_FFFFL, 1, 1}, new byte[0])), 3,
                "dimension 0 is 4294967295, expected <= 2147483647");
        assertRefused(write("just-over", idx(0x08, new long[] {1, 0x8000_0000L, 1}, new byte[0])), 3,
                "dimension 1 is 2147483648");
    }

    @Test
    void aProductThatOverflowsIsRefusedBeforeAnythingIsAllocated() throws IOException {
        long max = Integer.MAX_VALUE;
        // 2^93: overflows a long
        assertRefused(write("overflow-long", idx(0x08, new long[] {max, max, max}, new byte[0])), 3,
                "element count 2147483647 x 2147483647 x 2147483647 overflows");
        // 2^32: fits a long, not an array
        assertRefused(write("overflow-array.gz", gzip(idx(0x08, new long[] {65536, 256, 256}, new byte[0]))), 3,
                "element count 65536 x 256 x 256 overflows");
    }

    @Test
    void aTruncatedFileIsRefusedByItsLength() throws IOException {
        byte[] whole = images(2, 2, 2, counting(8));
        assertRefused(write("cut", Arrays.copyOf(whole, whole.length - 3)), 3,
                "file length is 21 bytes, expected 16 + 8 = 24 (truncated)");
        assertRefused(write("cut-in-header", Arrays.copyOf(whole, 10)), 3, "header is truncated: 10 bytes, expected 16");
        assertRefused(write("two-bytes", new byte[] {0, 0}), 3, "header is truncated: 2 bytes");
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        byte[] whole = images(2, 2, 2, counting(8));
        assertRefused(write("long", Arrays.copyOf(whole, whole.length + 5)), 3,
                "file length is 29 bytes, expected 16 + 8 = 24 (5 trailing bytes)");
    }

    @Test
    void gzippedContentOfTheWrongLengthIsRefused() throws IOException {
        byte[] whole = images(2, 2, 2, counting(8));
        assertRefused(write("short.gz", gzip(Arrays.copyOf(whole, whole.length - 1))), 3,
                "content length is 7 data bytes, expected 8 (truncated)");
        assertRefused(write("long.gz", gzip(Arrays.copyOf(whole, whole.length + 1))), 3,
                "content length is more than the 8 data bytes", "trailing bytes");
    }

    @Test
    void aHeaderClaimingMoreThanTheGzipHoldsFailsOnTheContentNotOnMemory() throws IOException {
        // 2 billion bytes claimed, none there: read as data arrives, so this is an error, not an OutOfMemoryError
        assertRefused(write("liar.gz", gzip(idx(0x08, new long[] {2_000_000_000L, 1, 1}, new byte[10]))), 3,
                "content length is 10 data bytes, expected 2000000000 (truncated)");
    }

    @Test
    void aTruncatedGzipStreamIsRefused() throws IOException {
        byte[] gz = gzip(images(4, 8, 8, counting(256)));
        assertRefused(write("cut.gz", Arrays.copyOf(gz, gz.length / 2)), 3, "gzip stream is truncated");
        // only the 8-byte trailer (CRC and length) missing
        assertRefused(write("no-trailer.gz", Arrays.copyOf(gz, gz.length - 8)), 3, "gzip stream is truncated");
    }

    @Test
    void aCorruptGzipStreamIsRefused() throws IOException {
        byte[] gz = gzip(images(4, 8, 8, counting(256)));
        gz[gz.length - 6] ^= 0x5A; // the CRC
        assertRefused(write("crc.gz", gz), 3, "gzip stream is corrupt");
    }
}
