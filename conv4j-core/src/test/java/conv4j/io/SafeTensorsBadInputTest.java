package conv4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed safetensors file of the list: a ModelFileException naming the file and the fault. */
class SafeTensorsBadInputTest {
    @TempDir
    Path dir;

    static byte[] file(long headerLength, byte[] header, int dataBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array());
        out.writeBytes(header);
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(UTF_8);
        return file(h.length, h, dataBytes);
    }

    /** Reads the bytes as a file and returns the error, which must name the file. */
    String error(byte[] bytes) throws IOException {
        Path f = dir.resolve("m.safetensors");
        Files.write(f, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage().substring(f.toString().length() + 2);
    }

    void assertError(String expectedPart, byte[] bytes) throws IOException {
        String message = error(bytes);
        assertTrue(message.contains(expectedPart), "expected '" + expectedPart + "' in: " + message);
    }

    static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    @Test
    void emptyAndSevenByteFilesAreTooShort() throws IOException {
        assertError("file of 0 bytes is too short", new byte[0]);
        assertError("file of 7 bytes is too short", new byte[7]);
    }

    @Test
    void aHeaderLengthOfTwoToTheSixtyFourMinusOneAllocatesNothing() throws IOException {
        assertError("header length 18446744073709551615 is over the limit of 100000000 bytes",
                file(-1L, "{}".getBytes(UTF_8), 0));
        assertError("header length 9223372036854775808 is over", file(Long.MIN_VALUE, new byte[0], 0));
        assertError("header length 100000001 is over", file(100_000_001L, new byte[0], 0));
    }

    @Test
    void aHeaderLongerThanTheFileIsRefused() throws IOException {
        assertError("header length 1000 reaches past the end of the file (2 bytes follow the length field)",
                file(1000, "{}".getBytes(UTF_8), 0));
    }

    @Test
    void aHeaderThatIsNotJsonIsRefused() throws IOException {
        assertError("header is invalid JSON at line 1", file("{\"a\": {\"dtype\": ", 0));
        assertError("header must be a JSON object starting with '{'", file("[1, 2]", 0));
        assertError("header must be a JSON object starting with '{'", file("", 0));
        assertError("header is invalid JSON", file("{} {}", 0));
        assertError("header is invalid JSON", file("{\"a\": 1,}", 0));
    }

    @Test
    void invalidUtf8IsRefused() throws IOException {
        byte[] prefix = "{\"__metadata__\":{\"k\":\"".getBytes(UTF_8);
        for (byte[] bad : new byte[][] {
            {(byte) 0xC3, 0x28},                    // a lead byte without its continuation
            {(byte) 0xC0, (byte) 0xAF},             // an overlong encoding of '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate
            {(byte) 0xFF}}) {
            byte[] header = new byte[prefix.length + bad.length + 3];
            System.arraycopy(prefix, 0, header, 0, prefix.length);
            System.arraycopy(bad, 0, header, prefix.length, bad.length);
            System.arraycopy("\"}}".getBytes(UTF_8), 0, header, prefix.length + bad.length, 3);
            assertError("header byte " + prefix.length + " (file offset " + (8 + prefix.length)
                    + ") is not valid UTF-8", file(header.length, header, 0));
        }
    }

    @Test
    void duplicateNamesAreRefused() throws IOException {
        assertError("Duplicate field 'w'", file("{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]",
                4, 8) + "}", 8));
        assertError("Duplicate field 'k'", file("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", 0));
    }

    @Test
    void unknownDtypesAreRefused() throws IOException {
        assertError("tensor 'w': unknown dtype 'Q7' (conv4j reads [F64, F32", file("{" + entry("w", "Q7", "[1]", 0,
                4) + "}", 4));
        assertError("tensor 'w': unknown dtype the number 4", file("{\"w\":{\"dtype\":4,\"shape\":[1],"
                + "\"data_offsets\":[0,4]}}", 4));
    }

    @Test
    void negativeAndOverflowingShapesAreRefused() throws IOException {
        assertError("tensor 'w': shape dimension 1 is negative: -3", file("{" + entry("w", "F32", "[2,-3]", 0, 24)
                + "}", 24));
        assertError("tensor 'w': shape dimension 0 is 3000000000, more than 2147483647",
                file("{" + entry("w", "F32", "[3000000000]", 0, 4) + "}", 4));
        assertError("more elements than one Java array holds", file("{" + entry("w", "F32",
                "[2147483647,2147483647,2147483647,2147483647,2147483647]", 0, 4) + "}", 4));
        assertError("tensor 'w': shape dimension 0 is negative: -99999999999999999999999",
                file("{" + entry("w", "F32", "[-99999999999999999999999]", 0, 4) + "}", 4));
        assertError("tensor 'w': shape dimension 0 must be a whole number, found the number 2.5",
                file("{" + entry("w", "F32", "[2.5]", 0, 4) + "}", 4));
    }

    @Test
    void byteLengthMustMatchDtypeAndShape() throws IOException {
        assertError("tensor 'features.0.weight': data_offsets [0, 96] hold 96 bytes, F32 shape 6x1x5x5 needs 600",
                file("{" + entry("features.0.weight", "F32", "[6,1,5,5]", 0, 96) + "}", 96));
    }

    @Test
    void gapsOverlapsAndOutOfRangeOffsetsAreRefused() throws IOException {
        assertError("data bytes [4, 8) belong to no tensor (a gap between 'a' and 'b')",
                file("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}", 12));
        assertError("data bytes [0, 4) belong to no tensor (a gap before 'a')",
                file("{" + entry("a", "F32", "[1]", 4, 8) + "}", 8));
        assertError("tensor 'b': data_offsets [4, 12] overlap tensor 'a' [0, 8]",
                file("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", 12));
        assertError("tensor 'a': data_offsets [0, 8] reach past the end of the data section (4 bytes)",
                file("{" + entry("a", "F32", "[2]", 0, 8) + "}", 4));
        assertError("tensor 'a': data_offsets [8, 0] end before they begin",
                file("{" + entry("a", "F32", "[2]", 8, 0) + "}", 8));
        assertError("tensor 'a': data_offsets must be two whole numbers in [0, 2^63), found [-4,4]",
                file("{" + entry("a", "F32", "[2]", -4, 4) + "}", 8));
        assertError("tensor 'a': data_offsets must be [begin, end], found [0]",
                file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0]}}", 4));
        assertError("tensor 'a': data_offsets must be two whole numbers in [0, 2^63), found [0,\"4\"]",
                file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,\"4\"]}}", 4));
        assertError("tensor 'b': data_offsets must be two whole numbers in [0, 2^63), found [8,18446744073709551615]",
                file("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 8, 0) .replace("[8,0]",
                "[8,18446744073709551615]") + "}", 16));
        assertError("tensor 'b': data_offsets [8, 9223372036854775807] reach past the end of the data section",
                file("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 8, Long.MAX_VALUE) + "}",
                16));
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        assertError("3 trailing bytes after the last tensor's data", file("{" + entry("a", "F32", "[1]", 0, 4) + "}",
                7));
        assertError("5 trailing bytes", file("{}", 5));
    }

    @Test
    void entriesAndMetadataMustHaveTheirExactForm() throws IOException {
        assertError("tensor 'a': missing field 'shape'", file("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}",
                4));
        assertError("tensor 'a': unknown field 'extra'", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],"
                + "\"data_offsets\":[0,4],\"extra\":1}}", 4));
        assertError("tensor 'a': expected an object with dtype, shape and data_offsets, found the string \"F32\"",
                file("{\"a\":\"F32\"}", 0));
        assertError("__metadata__ value 'epochs' must be a string, found the number 5",
                file("{\"__metadata__\":{\"epochs\":5}}", 0));
        assertError("__metadata__ must be an object of strings, found an array", file("{\"__metadata__\":[]}", 0));
        assertError("tensor 'a\\u000ab': unknown dtype", file("{\"a\\nb\":{\"dtype\":\"X\",\"shape\":[1],"
                + "\"data_offsets\":[0,4]}}", 4));
    }

    @Test
    void validEdgeCasesAreAccepted() throws IOException {
        Path f = dir.resolve("ok.safetensors");
        Files.write(f, file("{}      ", 0)); // no tensors, padded
        assertEquals(0, SafeTensors.read(f).tensors().size());
        Files.write(f, file("{" + entry("e", "F32", "[0]", 0, 0) + "," + entry("a", "F32", "[1]", 0, 4) + "}", 4));
        assertEquals(2, SafeTensors.read(f).tensors().size());
    }

    @Test
    void aFileCutAtAnyOffsetGivesACleanError() throws IOException {
        byte[] whole = SafeTensorsFormatTest.handWritten();
        for (int length = 0; length < whole.length; length++) {
            String message = error(Arrays.copyOf(whole, length));
            assertTrue(message.contains("too short") || message.contains("reaches past the end of the file")
                    || message.contains("reach past the end of the data section"), length + ": " + message);
        }
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertError("1 trailing bytes", longer);
    }
}
