package conv4j.train;

import conv4j.nn.BatchNorm2d;
import conv4j.nn.Module;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What a training forward pass changes besides the weights: buffers (batch norm's running statistics), batch norm's
 * batch counts and the dropout streams. Copied before each step into arrays allocated once, so a step that is not
 * applied can leave the model exactly as the last good step did. The copies are small: a few values per channel.
 */
final class StepRollback {
    private final Tensor[] buffers;
    private final float[][] bufferCopies;
    private final BatchNorm2d[] norms;
    private final long[] normCounts;
    private final RandomStreams streams;
    private final long[] streamStates;

    StepRollback(Module model, RandomStreams streams) {
        List<Tensor> b = new ArrayList<>();
        List<BatchNorm2d> n = new ArrayList<>();
        for (Module m : model.modules()) {
            b.addAll(m.localBuffers().values());
            if (m instanceof BatchNorm2d bn) {
                n.add(bn);
            }
        }
        this.buffers = b.toArray(new Tensor[0]);
        this.bufferCopies = new float[buffers.length][];
        for (int i = 0; i < buffers.length; i++) {
            bufferCopies[i] = new float[buffers[i].size()];
        }
        this.norms = n.toArray(new BatchNorm2d[0]);
        this.normCounts = new long[norms.length];
        this.streams = streams;
        this.streamStates = new long[streams.size()];
    }

    void save() {
        for (int i = 0; i < buffers.length; i++) {
            System.arraycopy(buffers[i].data(), 0, bufferCopies[i], 0, bufferCopies[i].length);
        }
        for (int i = 0; i < norms.length; i++) {
            normCounts[i] = norms[i].batchesTracked();
        }
        streams.copyTo(streamStates);
    }

    void restore() {
        for (int i = 0; i < buffers.length; i++) {
            System.arraycopy(bufferCopies[i], 0, buffers[i].data(), 0, bufferCopies[i].length);
        }
        for (int i = 0; i < norms.length; i++) {
            norms[i].setBatchesTracked(normCounts[i]);
        }
        streams.copyFrom(streamStates);
    }
}
