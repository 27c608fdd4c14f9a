package conv4j.vision.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KernelParserTest {

    private static String error(String text) {
        return assertThrows(KernelFormatException.class, () -> KernelParser.parse(text)).getMessage();
    }

    @Test
    void rowsAreSeparatedBySemicolonsAndNumbersByCommas() {
        ImageKernel k = KernelParser.parse("0,-1,0;-1,5,-1;0,-1,0");
        assertEquals(3, k.height());
        assertEquals(3, k.width());
        assertArrayEquals(new double[] {0, -1, 0, -1, 5, -1, 0, -1, 0}, k.values());
    }

    @Test
    void spacesDecimalsExponentsAndATrailingSemicolonAreAllowed() {
        ImageKernel k = KernelParser.parse(" 0.0625, .125 ,6.25e-2 ; 1 ,+2, -3E0 ;0,0,0; ");
        assertArrayEquals(new double[] {0.0625, 0.125, 0.0625, 1, 2, -3, 0, 0, 0}, k.values());
    }

    @Test
    void anyOddSizeIncludingNonSquare() {
        assertEquals(1, KernelParser.parse("7").height());
        ImageKernel row = KernelParser.parse("1,0,-1");
        assertEquals(1, row.height());
        assertEquals(3, row.width());
        ImageKernel big = KernelParser.parse("1,1,1,1,1;1,1,1,1,1;1,1,1,1,1;1,1,1,1,1;1,1,1,1,1");
        assertEquals(5, big.height());
        assertEquals(25, big.sum());
    }

    @Test
    void aRowOfAnotherLengthIsNamedWithItsText() {
        assertEquals("row 2 of the kernel has 2 numbers (\"1,2\"), row 1 has 3; a kernel is rectangular",
                error("1,2,3;1,2;1,2,3"));
        assertEquals("row 3 of the kernel has 1 number (\"5\"), row 1 has 3; a kernel is rectangular",
                error("1,2,3;1,2,3;5"));
    }

    @Test
    void anEvenSizeIsRefusedWithTheSize() {
        assertEquals("the kernel is 2 x 2; it needs an odd number of rows and of columns, so that it has a centre"
                + " pixel (e.g. 3 x 3 or 5 x 5)", error("1,2;3,4"));
        assertEquals("the kernel is 1 x 2; it needs an odd number of rows and of columns, so that it has a centre"
                + " pixel (e.g. 3 x 3 or 5 x 5)", error("1,-1"));
        assertEquals("the kernel is 4 x 3; it needs an odd number of rows and of columns, so that it has a centre"
                + " pixel (e.g. 3 x 3 or 5 x 5)", error("1,2,3;1,2,3;1,2,3;1,2,3"));
    }

    @Test
    void aNonNumberIsNamedByRowColumnAndText() {
        assertEquals("row 2, column 3 of the kernel is \"x\", not a number", error("0,-1,0;-1,5,x;0,-1,0"));
        assertEquals("row 1, column 1 of the kernel is \"1/16\", not a number", error("1/16,0,0;0,0,0;0,0,0"));
        assertEquals("row 3, column 2 of the kernel is \"NaN\", not a number", error("0,0,0;0,1,0;0,NaN,0"));
        assertEquals("row 1, column 2 of the kernel is \"Infinity\", not a number", error("0,Infinity,0"));
        assertEquals("row 1, column 3 of the kernel is \"2f\", not a number", error("0,1,2f"));
        assertEquals("row 1, column 1 of the kernel is \"1e999\", not a number", error("1e999"));
    }

    @Test
    void anEmptyCellOrKernelIsNamed() {
        assertEquals("row 2, column 2 of the kernel is empty (two separators in a row?)", error("0,0,0;0,,0;0,0,0"));
        assertEquals("row 1, column 4 of the kernel is empty (two separators in a row?)", error("1,2,3,"));
        assertEquals("the kernel is empty; write rows separated by ';' and numbers by ',', e.g. \"0,-1,0;-1,5,-1;"
                + "0,-1,0\"", error("  "));
    }

    @Test
    void aHugeKernelIsRefusedBeforeItIsRead() {
        String wide = "1,".repeat(200) + "1";
        assertEquals("row 1 of the kernel has 201 numbers, more than 101", error(wide));
        assertEquals("the kernel has 201 rows, more than 101", error("1;".repeat(200) + "1"));
    }

    @Test
    void aKernelReadsBackFromItsText() {
        for (NamedKernel k : Kernels.all()) {
            assertEquals(k.kernel(), KernelParser.parse(k.kernel().text()), k.name());
        }
        assertEquals(Kernels.gaussian(1.3, 7), KernelParser.parse(Kernels.gaussian(1.3, 7).text()));
    }
}
