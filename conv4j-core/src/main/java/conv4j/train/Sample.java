package conv4j.train;

import conv4j.tensor.Tensor;

/** One example: its input (C x H x W for an image) and its class. */
public record Sample(Tensor input, int label) {
}
