package conv4j.cli;

import conv4j.vision.filters.ImageKernel;
import conv4j.vision.filters.KernelParser;
import conv4j.vision.filters.Kernels;
import conv4j.vision.filters.NamedKernel;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The kernel a command line asks for: a name from the table, or {@code --kernel "a,b,c;d,e,f;g,h,i"}; a Gaussian of
 * another width with --sigma and --size, a box blur of another size with --size; everything times --scale. Every
 * mistake is bad usage naming the option.
 */
record KernelChoice(String label, ImageKernel kernel) {

    static KernelChoice resolve(CommandLine cl, String name, String text, Double scale, Double sigma, Integer size) {
        try {
            KernelChoice choice = text != null ? custom(cl, name, text, sigma, size) : named(cl, name, sigma, size);
            if (scale == null) {
                return choice;
            }
            if (!Double.isFinite(scale)) {
                throw new ParameterException(cl, "--scale must be a finite number, received " + scale);
            }
            return new KernelChoice(choice.label() + " x " + ImageKernel.number(scale),
                    choice.kernel().scaled(scale));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage());
        }
    }

    private static KernelChoice custom(CommandLine cl, String name, String text, Double sigma, Integer size) {
        if (name != null) {
            throw new ParameterException(cl, "give a kernel name or --kernel, not both (received '" + name
                    + "' and --kernel)");
        }
        if (sigma != null || size != null) {
            throw new ParameterException(cl, "--sigma and --size shape a named gaussian or box-blur kernel, not"
                    + " --kernel");
        }
        try {
            return new KernelChoice("--kernel", KernelParser.parse(text));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--kernel: " + e.getMessage());
        }
    }

    private static KernelChoice named(CommandLine cl, String name, Double sigma, Integer size) {
        NamedKernel k = Kernels.named(name);
        if (sigma == null && size == null) {
            return new KernelChoice(k.name(), k.kernel());
        }
        switch (k.name()) {
            case "gaussian" -> {
                double s = sigma != null ? sigma : Kernels.gaussianSigma(size);
                int n = size != null ? size : Kernels.gaussianSize(s);
                return new KernelChoice("gaussian sigma " + ImageKernel.number(s) + ", " + n + " x " + n,
                        Kernels.gaussian(s, n));
            }
            case "box-blur" -> {
                if (sigma != null) {
                    throw new ParameterException(cl, "--sigma shapes the gaussian kernel, not box-blur");
                }
                return new KernelChoice("box-blur " + size + " x " + size, Kernels.box(size));
            }
            default -> throw new ParameterException(cl, "--sigma and --size shape the gaussian and box-blur"
                    + " kernels, not " + k.name());
        }
    }
}
