package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void countsUseCommaThousandsSeparators() {
        assertEquals("0", Units.count(0));
        assertEquals("999", Units.count(999));
        assertEquals("61,706", Units.count(61_706));
        assertEquals("3,600,000,000", Units.count(3_600_000_000L));
    }

    @Test
    void bytesUseDecimalUnitsWithOneDecimal() {
        assertEquals("40 B", Units.bytes(40));
        assertEquals("999 B", Units.bytes(999));
        assertEquals("1.0 kB", Units.bytes(1000));
        assertEquals("18.8 kB", Units.bytes(18_816));
        assertEquals("1.0 MB", Units.bytes(999_960));
        assertEquals("14.4 GB", Units.bytes(14_400_000_000L));
    }

    @Test
    void operationCountsAsPapersPrintThem() {
        assertEquals("3.86 x 10^9", Units.powerOfTen(3_858_055_168L));
        assertEquals("1.00 x 10^6", Units.powerOfTen(1_000_000));
        assertEquals("1.00 x 10^10", Units.powerOfTen(9_999_999_999L), "rounding up carries into the exponent");
        assertEquals("1.13 x 10^10", Units.powerOfTen(11_300_000_000L));
        assertEquals("0", Units.powerOfTen(0));
    }
}
