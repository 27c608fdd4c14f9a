package conv4j.kernels;

/**
 * Concatenation of N x C_i x S arrays along the channel axis into N x (sum C_i) x S (S = H * W), as an inception
 * module joins its branches; the backward pass splits the gradient back into the pieces.
 */
public final class Concat {
    private Concat() {
    }

    /** {@code channels[i]} is the channel count of {@code inputs[i]}. */
    public static void forward(int batch, int spatial, int[] channels, float[][] inputs, float[] output) {
        int total = checkPieces("concat input", batch, spatial, channels, inputs);
        Lengths.require("concat output", output, (long) batch * total * spatial);
        int outSample = total * spatial;
        int offset = 0;
        for (int i = 0; i < inputs.length; i++) {
            int piece = channels[i] * spatial;
            for (int n = 0; n < batch; n++) {
                System.arraycopy(inputs[i], n * piece, output, n * outSample + offset, piece);
            }
            offset += piece;
        }
    }

    /** Copies each piece's slice of {@code gradOutput} into {@code gradInputs[i]}. */
    public static void backward(int batch, int spatial, int[] channels, float[] gradOutput, float[][] gradInputs) {
        int total = checkPieces("concat input gradient", batch, spatial, channels, gradInputs);
        Lengths.require("concat output gradient", gradOutput, (long) batch * total * spatial);
        int outSample = total * spatial;
        int offset = 0;
        for (int i = 0; i < gradInputs.length; i++) {
            int piece = channels[i] * spatial;
            for (int n = 0; n < batch; n++) {
                System.arraycopy(gradOutput, n * outSample + offset, gradInputs[i], n * piece, piece);
            }
            offset += piece;
        }
    }

    /** Checks the pieces and returns the total channel count. */
    private static int checkPieces(String what, int batch, int spatial, int[] channels, float[][] pieces) {
        Lengths.requirePositive("concat batch", batch);
        Lengths.requirePositive("concat spatial size", spatial);
        if (channels == null || pieces == null) {
            throw new IllegalArgumentException("concat needs channel counts and arrays, received null");
        }
        if (channels.length != pieces.length || pieces.length == 0) {
            throw new IllegalArgumentException("concat received " + channels.length + " channel counts for "
                    + pieces.length + " arrays; expected equal and at least one");
        }
        long total = 0;
        for (int i = 0; i < pieces.length; i++) {
            Lengths.requirePositive("concat channels of piece " + i, channels[i]);
            Lengths.require(what + " " + i, pieces[i], (long) batch * channels[i] * spatial);
            total += channels[i];
        }
        Lengths.product("concat output", batch, (int) Math.min(total, Integer.MAX_VALUE), spatial);
        return (int) total;
    }
}
