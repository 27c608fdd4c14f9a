package conv4j.train;

import conv4j.tensor.Shape;
import java.util.List;

/** Random access to labelled examples of one shape. */
public interface Dataset {

    int size();

    /** The shape of every input, without the batch dimension (C x H x W for images). */
    Shape sampleShape();

    /** The class names, indexed by label. */
    List<String> classNames();

    /** Example {@code index}, {@code 0 <= index < size()}; the tensor is the caller's to keep. */
    Sample get(int index);

    /** The label of example {@code index}, without reading its input. */
    default int label(int index) {
        return get(index).label();
    }

    default int classes() {
        return classNames().size();
    }
}
