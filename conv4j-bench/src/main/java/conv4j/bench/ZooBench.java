package conv4j.bench;

import conv4j.autograd.Variable;
import conv4j.nn.ConvPlans;
import conv4j.nn.CrossEntropyLoss;
import conv4j.nn.Module;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.models.Models;
import java.util.Arrays;
import java.util.List;

/**
 * The zoo's networks end to end, as bench/zoo.sh runs them next to PyTorch: forward latency at batch 1 and throughput
 * at batch 8 on 3 x 224 x 224 in evaluation mode with no graph, and one SGD training step of resnet18 at batch 64 on
 * 3 x 32 x 32. Big models run for seconds a call, so this is a plain timed loop (warm-up calls for at least five
 * seconds, so that the first model measured is not timed while C2 still compiles the kernels, then the median of
 * {@code --runs}) rather than JMH; bench/zoo_torch.py warms PyTorch up by the same rule. Prints one line per figure:
 *
 * <pre>
 * resnet50 conv4j fwd b1: 58.21 ms (median of 9)
 * resnet50 conv4j fwd b8: 21.3 img/s (median of 3)
 * resnet18 conv4j train b64 32x32: 310.52 ms a step (median of 9)
 * </pre>
 */
public final class ZooBench {
    private static final Shape IMAGENET = Shape.of(3, 224, 224);
    private static final Shape CIFAR = Shape.of(3, 32, 32);

    private ZooBench() {
    }

    public static void main(String[] args) {
        List<String> models = List.of("resnet18", "resnet50", "vgg16", "googlenet", "alexnet");
        int runs = 9;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = Arrays.asList(value(args, ++i).split(","));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "' (known: --models a,b --runs N)");
            }
        }
        System.out.print(Machine.describe());
        for (String name : models) {
            Module model = Models.create(zooName(name), 1000, IMAGENET, new Rng(1));
            System.out.print(name + " " + ConvPlans.of(model, IMAGENET, 1).render());
        }
        for (String name : models) {
            forward(name, runs);
        }
        trainingStep(runs);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void forward(String name, int runs) {
        Rng rng = new Rng(1);
        Module model = Models.create(zooName(name), 1000, IMAGENET, rng);
        model.eval();
        Tensor one = Tensor.randn(IMAGENET.withBatch(1), rng, 1.0);
        Tensor eight = Tensor.randn(IMAGENET.withBatch(8), rng, 1.0);
        double b1 = MedianTimer.seconds(() -> model.predict(one), 3, runs);
        int runs8 = Math.max(3, runs / 3);
        double b8 = MedianTimer.seconds(() -> model.predict(eight), 2, runs8);
        System.out.printf("%s conv4j fwd b1: %.2f ms (median of %d)%n", name, b1 * 1e3, runs);
        System.out.printf("%s conv4j fwd b8: %.1f img/s (median of %d)%n", name, 8 / b8, runs8);
    }

    // torchvision's GoogLeNet keeps a 3x3 convolution where the paper has 5x5; compare like with like.
    private static String zooName(String name) {
        return name.equals("googlenet") ? "googlenet-torchvision" : name;
    }

    private static void trainingStep(int runs) {
        Rng rng = new Rng(0);
        Module model = Models.create("resnet18", 10, CIFAR, rng);
        model.train();
        Sgd sgd = new Sgd(model.parameters(), 0.01, 0.9);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Tensor x = Tensor.randn(CIFAR.withBatch(64), rng, 1.0);
        int[] labels = new int[64];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
        double t = MedianTimer.seconds(() -> {
            sgd.zeroGrad();
            Variable l = loss.forward(model.forward(Variable.of(x)), labels);
            l.backward();
            sgd.step();
        }, 3, runs);
        System.out.printf("resnet18 conv4j train b64 32x32: %.2f ms a step (median of %d)%n", t * 1e3, runs);
    }
}
