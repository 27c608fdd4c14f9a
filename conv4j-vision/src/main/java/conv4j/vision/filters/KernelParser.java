package conv4j.vision.filters;

/**
 * Reads a kernel written as rows separated by ';' and numbers by ',', e.g. {@code "0,-1,0;-1,5,-1;0,-1,0"}. Spaces
 * around numbers are allowed. Every mistake is a {@link KernelFormatException} naming the row and column (counted
 * from 1) and the text found there.
 */
public final class KernelParser {
    /** Kernels larger than this are refused before anything is allocated. */
    public static final int MAX_SIDE = Kernels.MAX_SIZE;

    private KernelParser() {
    }

    public static ImageKernel parse(String text) {
        if (text == null || text.isBlank()) {
            throw new KernelFormatException("the kernel is empty; write rows separated by ';' and numbers by ',',"
                    + " e.g. \"0,-1,0;-1,5,-1;0,-1,0\"");
        }
        String body = text.strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1); // a trailing ';' ends the last row, it does not start one
        }
        String[] rows = body.split(";", -1);
        if (rows.length > MAX_SIDE) {
            throw new KernelFormatException("the kernel has " + rows.length + " rows, more than " + MAX_SIDE);
        }
        int width = -1;
        double[][] values = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            String[] cells = rows[r].split(",", -1);
            if (width < 0) {
                width = cells.length;
                if (width > MAX_SIDE) {
                    throw new KernelFormatException("row 1 of the kernel has " + width + " numbers, more than "
                            + MAX_SIDE);
                }
            } else if (cells.length != width) {
                throw new KernelFormatException("row " + (r + 1) + " of the kernel has " + cells.length + " number"
                        + (cells.length == 1 ? "" : "s") + " (\"" + rows[r].strip() + "\"), row 1 has " + width
                        + "; a kernel is rectangular");
            }
            values[r] = new double[width];
            for (int c = 0; c < width; c++) {
                values[r][c] = number(cells[c], r, c);
            }
        }
        if (rows.length % 2 == 0 || width % 2 == 0) {
            throw new KernelFormatException("the kernel is " + rows.length + " x " + width + "; it needs an odd"
                    + " number of rows and of columns, so that it has a centre pixel (e.g. 3 x 3 or 5 x 5)");
        }
        return ImageKernel.of(values);
    }

    private static double number(String cell, int row, int column) {
        String s = cell.strip();
        String where = "row " + (row + 1) + ", column " + (column + 1) + " of the kernel";
        if (s.isEmpty()) {
            throw new KernelFormatException(where + " is empty (two separators in a row?)");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new KernelFormatException(where + " is \"" + s + "\", not a number");
        }
        // Double.parseDouble also takes "NaN", "Infinity" and "1f": none of them is a weight.
        if (!Double.isFinite(v) || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new KernelFormatException(where + " is \"" + s + "\", not a number");
        }
        return v;
    }
}
