package conv4j.vision.transforms;

import conv4j.io.ModelInfo;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;

/**
 * How pictures of any size become a classifier's input of {@code input} (C x H x W), in two steps as torchvision's
 * ImageNet recipe: first {@link #resize()} to {@code resizeHeight} x {@code resizeWidth} (the shorter side scaled to
 * the larger of the two, then the middle cut out), a size a little larger than the input; then a crop of the input's
 * size: the middle one for evaluation and prediction, a random one (and a random mirror image) for training. An image
 * dataset keeps its pictures after the first step, so that the second can differ each epoch.
 *
 * @param input        the model's input, C x H x W
 * @param resizeHeight the height of a picture after the first step, at least the input's
 * @param resizeWidth  the width after the first step, at least the input's
 */
public record ClassificationPreset(Shape input, int resizeHeight, int resizeWidth) {
    /** torchvision's 224 of 256: the input is 87.5% of the resized picture. */
    public static final double CROP_SHARE = 224.0 / 256.0;
    /** The model-file fact that records the first step's size, HEIGHTxWIDTH. */
    public static final String RESIZE_FACT = ModelInfo.RESIZE_FACT;

    public ClassificationPreset {
        if (input.rank() != 3 || input.size() == 0) {
            throw new IllegalArgumentException("a classifier's input is C x H x W, received " + input);
        }
        if (resizeHeight < input.dim(1) || resizeWidth < input.dim(2)) {
            throw new IllegalArgumentException("pictures resized to " + resizeHeight + "x" + resizeWidth
                    + " are smaller than the input " + input);
        }
    }

    /** How the pictures of a saved model were prepared: as its file records, else resized to the input itself. */
    public static ClassificationPreset of(ModelInfo info) {
        Shape input = info.inputShape();
        String resize = info.facts().get(RESIZE_FACT);
        if (resize == null) {
            return new ClassificationPreset(input, input.dim(1), input.dim(2));
        }
        try {
            Shape s = Shape.parse(resize);
            return new ClassificationPreset(input, s.dim(0), s.dim(1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the model file's '" + RESIZE_FACT + "' is '" + resize
                    + "', expected HEIGHTxWIDTH at least " + input.dim(1) + "x" + input.dim(2), e);
        }
    }

    /** The resize step as the model-file fact {@link #RESIZE_FACT} records it. */
    public String resizeFact() {
        return resizeHeight + "x" + resizeWidth;
    }

    /** The input as 87.5% of the resized picture: 3x224x224 inputs from 256 x 256, 3x64x64 from 73 x 73. */
    public static ClassificationPreset of(Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("a classifier's input is C x H x W, received " + input);
        }
        return new ClassificationPreset(input, (int) Math.round(input.dim(1) / CROP_SHARE),
                (int) Math.round(input.dim(2) / CROP_SHARE));
    }

    /** The shape of a picture after the first step. */
    public Shape resizedShape() {
        return Shape.of(input.dim(0), resizeHeight, resizeWidth);
    }

    /** The first step: shorter side to the larger resized side, then the middle {@code resizeHeight x resizeWidth}. */
    public SampleTransform resize() {
        return Resize.shorterSide(Math.max(resizeHeight, resizeWidth))
                .andThen(new CenterCrop(resizeHeight, resizeWidth));
    }

    /** The second step for evaluation: the middle of the resized picture. */
    public SampleTransform evaluation() {
        return new CenterCrop(input.dim(1), input.dim(2));
    }

    /** The second step for training: the lecture's augmentation, a random crop of the input's size and a flip. */
    public SampleTransform randomCrop() {
        return new RandomCrop(input.dim(1), input.dim(2), 0).andThen(new RandomHorizontalFlip());
    }

    /** The second step for training with torchvision's ResNet recipe: a random resized crop and a flip. */
    public SampleTransform randomResizedCrop() {
        return new RandomResizedCrop(input.dim(1), input.dim(2)).andThen(new RandomHorizontalFlip());
    }

    /** One picture (already in the input's channels) through both steps, as for evaluation. */
    public Tensor prepare(Tensor picture) {
        return resize().andThen(evaluation()).apply(picture, new Rng(0));
    }
}
