package conv4j.nn;

import java.util.Locale;

/** Number formats shared by the summary texts; Locale.ROOT so that output does not change with the machine. */
final class Units {
    private static final String[] BYTE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private Units() {
    }

    /** {@code 3600000000} as {@code 3,600,000,000}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Decimal units, as the lecture counts: 14,400,000,000 bytes are {@code 14.4 GB}. */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        double v = n;
        int unit = 0;
        while (v >= 999.95 && unit < BYTE_UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, BYTE_UNITS[unit]);
    }

    /** {@code 3858055168} as {@code 3.86 x 10^9}: three significant digits, as papers print operation counts. */
    static String powerOfTen(long n) {
        if (n == 0) {
            return "0";
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs((double) n)));
        double mantissa = n / Math.pow(10, exponent);
        if (Math.abs(mantissa) >= 9.995) { // rounds up to 10.0
            mantissa /= 10;
            exponent++;
        }
        return String.format(Locale.ROOT, "%.2f x 10^%d", mantissa, exponent);
    }
}
