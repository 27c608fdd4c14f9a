package conv4j.vision.image;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;

/**
 * The EXIF orientation of a JPEG (tag 0x0112, values 1 to 8) and the turn or flip it asks for. Phones store a
 * portrait photo as landscape pixels plus this tag; ignored, a photographed digit would reach the network lying on
 * its side. Anything missing or malformed reads as 1, "as stored": orientation is a courtesy, not a reason to refuse.
 */
final class ExifOrientation {
    private static final int AS_STORED = 1;
    /** EXIF sits in the first segments; a header this long is already unusual. */
    private static final int SCAN_BYTES = 1 << 18;

    private ExifOrientation() {
    }

    /** The orientation of the JPEG that {@code in} starts at; reads at most the first 256 kB. */
    static int of(InputStream in) throws IOException {
        byte[] b = in.readNBytes(SCAN_BYTES);
        int at = 2;   // after SOI
        while (at + 4 <= b.length && (b[at] & 0xff) == 0xff) {
            int marker = b[at + 1] & 0xff;
            if (marker == 0xff) {
                at++;   // fill byte
                continue;
            }
            if (marker == 0xda || marker == 0xd9) {
                return AS_STORED;   // image data or end: no EXIF before them
            }
            int length = u16(b, at + 2, false);
            int payload = at + 4;
            if (length < 2 || payload + length - 2 > b.length) {
                return AS_STORED;
            }
            if (marker == 0xe1 && length >= 8 && b[payload] == 'E' && b[payload + 1] == 'x' && b[payload + 2] == 'i'
                    && b[payload + 3] == 'f' && b[payload + 4] == 0 && b[payload + 5] == 0) {
                return fromTiff(b, payload + 6, payload + length - 2);
            }
            at = payload + length - 2;
        }
        return AS_STORED;
    }

    /** Orientation from IFD0 of the TIFF structure in {@code b[start, end)}. */
    private static int fromTiff(byte[] b, int start, int end) {
        if (end - start < 8) {
            return AS_STORED;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return AS_STORED;
        }
        if (u16(b, start + 2, little) != 42) {
            return AS_STORED;
        }
        long ifd = u32(b, start + 4, little);
        if (ifd < 8 || start + ifd + 2 > end) {
            return AS_STORED;
        }
        int at = (int) (start + ifd);
        int entries = u16(b, at, little);
        at += 2;
        for (int i = 0; i < entries && at + 12 <= end; i++, at += 12) {
            if (u16(b, at, little) == 0x0112 && u16(b, at + 2, little) == 3) {
                int value = u16(b, at + 8, little);
                return value >= 1 && value <= 8 ? value : AS_STORED;
            }
        }
        return AS_STORED;
    }

    /** The C x H x W tensor as it is meant to be seen; a quarter turn swaps H and W. */
    static Tensor apply(Tensor image, int orientation) {
        if (orientation == AS_STORED) {
            return image;
        }
        int channels = image.shape().dim(0);
        int h = image.shape().dim(1);
        int w = image.shape().dim(2);
        boolean quarterTurn = orientation >= 5;
        int outH = quarterTurn ? w : h;
        int outW = quarterTurn ? h : w;
        float[] in = image.data();
        float[] out = new float[in.length];
        for (int c = 0; c < channels; c++) {
            int inPlane = c * h * w;
            int outPlane = c * outH * outW;
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    // (sy, sx): the stored pixel shown at (y, x), from the EXIF definition of each value.
                    int sy;
                    int sx;
                    switch (orientation) {
                        case 2 -> { sy = y; sx = w - 1 - x; }            // mirrored left-right
                        case 3 -> { sy = h - 1 - y; sx = w - 1 - x; }    // turned 180 degrees
                        case 4 -> { sy = h - 1 - y; sx = x; }            // mirrored top-bottom
                        case 5 -> { sy = x; sx = y; }                    // transposed
                        case 6 -> { sy = h - 1 - x; sx = y; }            // needs a quarter turn clockwise
                        case 7 -> { sy = h - 1 - x; sx = w - 1 - y; }    // transverse
                        default -> { sy = x; sx = w - 1 - y; }           // 8: needs a quarter turn anticlockwise
                    }
                    out[outPlane + y * outW + x] = in[inPlane + sy * w + sx];
                }
            }
        }
        return new Tensor(Shape.of(channels, outH, outW), out);
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xff;
        int b1 = b[at + 1] & 0xff;
        return little ? b0 | b1 << 8 : b0 << 8 | b1;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long lo = u16(b, at, little);
        long hi = u16(b, at + 2, little);
        return little ? lo | hi << 16 : lo << 16 | hi;
    }
}
