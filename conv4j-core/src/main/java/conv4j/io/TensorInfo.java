package conv4j.io;

import conv4j.tensor.Shape;

/** A tensor's entry in a safetensors header: its dtype, shape and byte range [begin, end) in the data section. */
public record TensorInfo(String name, DType dtype, Shape shape, long begin, long end) {

    public long byteLength() {
        return end - begin;
    }
}
