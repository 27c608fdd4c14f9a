package conv4j.vision.data;

import java.util.Arrays;

/**
 * The contents of an IDX file of unsigned bytes (the format of MNIST and its relatives): its dimensions, the first
 * being the number of items, and the elements in row-major order.
 */
public final class IdxFile {
    private final String name;
    private final int[] dims;
    private final byte[] data;

    IdxFile(String name, int[] dims, byte[] data) {
        this.name = name;
        this.dims = dims.clone();
        this.data = data;
    }

    /** The file it was read from, for messages. */
    public String name() {
        return name;
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** The number of items: images in an images file, labels in a labels file. */
    public int count() {
        return dims[0];
    }

    /**
     * The elements as stored, each an unsigned byte ({@code b & 0xFF}). The array is shared, not copied: MNIST's
     * training images are 47 MB.
     */
    public byte[] data() {
        return data;
    }

    public int unsigned(int index) {
        return data[index] & 0xFF;
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(dims);
    }
}
