package conv4j.onnx;

/**
 * The spatial geometry that Conv, MaxPool and AveragePool share, over any number of spatial axes: kernel, strides,
 * dilations, and the padding at each end of each axis, from explicit pads or from auto_pad, with the output sizes.
 */
record OnnxWindow(int[] kernel, int[] strides, int[] dilations, int[] padBegin, int[] padEnd, int[] out) {

    /** Where ONNX's auto_pad puts the padding; NOTSET means the explicit pads. */
    enum AutoPad { NOTSET, VALID, SAME_UPPER, SAME_LOWER }

    static AutoPad autoPad(OnnxAttributes a) {
        String s = a.s("auto_pad", "NOTSET");
        try {
            return AutoPad.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw a.error("auto_pad '" + s + "' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
        }
    }

    /**
     * The window over spatial sizes {@code in}. With {@code ceil} (pooling's ceil_mode) the output size rounds up, but
     * a last window that would start in the end padding is dropped, as PyTorch and the later ONNX references do.
     */
    static OnnxWindow of(OnnxAttributes a, int[] kernel, int[] in, boolean ceil) {
        int n = in.length;
        if (kernel.length != n) {
            throw a.error("a kernel of " + kernel.length + " axes on an input of " + n + " spatial axes");
        }
        int[] strides = a.ints("strides", n, 1);
        int[] dilations = a.ints("dilations", n, 1);
        AutoPad autoPad = autoPad(a);
        int[] pads = autoPad == AutoPad.NOTSET ? a.ints("pads", 2 * n, 0) : new int[2 * n];
        int[] begin = new int[n];
        int[] end = new int[n];
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (strides[i] < 1 || dilations[i] < 1 || kernel[i] < 1) {
                throw a.error("kernel, strides and dilations must be positive");
            }
            int extent = dilations[i] * (kernel[i] - 1) + 1;
            switch (autoPad) {
                case SAME_UPPER, SAME_LOWER -> {
                    out[i] = (in[i] + strides[i] - 1) / strides[i];
                    int total = Math.max(0, (out[i] - 1) * strides[i] + extent - in[i]);
                    begin[i] = autoPad == AutoPad.SAME_UPPER ? total / 2 : total - total / 2;
                    end[i] = total - begin[i];
                }
                default -> {
                    begin[i] = pads[i];
                    end[i] = pads[i + n];
                    int span = in[i] + begin[i] + end[i] - extent;
                    if (span < 0) {
                        throw a.error("the window of extent " + extent + " does not fit the padded input of size "
                                + (in[i] + begin[i] + end[i]) + " on spatial axis " + i);
                    }
                    out[i] = (ceil ? (span + strides[i] - 1) / strides[i] : span / strides[i]) + 1;
                    if (ceil && (out[i] - 1) * strides[i] >= in[i] + begin[i]) {
                        out[i]--;
                    }
                }
            }
        }
        return new OnnxWindow(kernel, strides, dilations, begin, end, out);
    }

    int axes() {
        return kernel.length;
    }

    /** Whether the padding is the same at both ends of every axis. */
    boolean symmetric() {
        return java.util.Arrays.equals(padBegin, padEnd);
    }
}
