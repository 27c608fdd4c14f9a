package conv4j.vision.image;

/**
 * The connected regions of ink (pixels above 0, 8-neighbour), used to drop specks: a dot of dust in a corner of a
 * photo would otherwise stretch the digit's bounding box across the whole picture.
 */
final class InkComponents {
    private InkComponents() {
    }

    /** Sets to 0 every region whose area is below {@code fraction} of the largest region's area. */
    static void removeSmall(float[] ink, int height, int width, double fraction) {
        int[] label = new int[ink.length];
        int[] stack = new int[ink.length];
        int[] area = new int[16];
        int regions = 0;
        for (int start = 0; start < ink.length; start++) {
            if (ink[start] <= 0 || label[start] != 0) {
                continue;
            }
            regions++;
            if (regions == area.length) {
                area = java.util.Arrays.copyOf(area, area.length * 2);
            }
            int top = 0;
            stack[top++] = start;
            label[start] = regions;
            while (top > 0) {
                int p = stack[--top];
                area[regions]++;
                int y = p / width;
                int x = p % width;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int ny = y + dy;
                        int nx = x + dx;
                        if (ny < 0 || ny >= height || nx < 0 || nx >= width) {
                            continue;
                        }
                        int q = ny * width + nx;
                        if (ink[q] > 0 && label[q] == 0) {
                            label[q] = regions;
                            stack[top++] = q;
                        }
                    }
                }
            }
        }
        int largest = 0;
        for (int r = 1; r <= regions; r++) {
            largest = Math.max(largest, area[r]);
        }
        double keep = fraction * largest;
        for (int p = 0; p < ink.length; p++) {
            if (label[p] != 0 && area[label[p]] < keep) {
                ink[p] = 0f;
            }
        }
    }
}
