package conv4j.cli;

import conv4j.kernels.Conv2dGeometry;
import conv4j.kernels.Padding;
import conv4j.tensor.Tensor;
import conv4j.train.Plural;
import conv4j.vision.filters.BorderMode;
import conv4j.vision.filters.FilterPadding;
import conv4j.vision.filters.ImageFilter;
import conv4j.vision.filters.ImageKernel;
import conv4j.vision.filters.Kernels;
import conv4j.vision.filters.NamedKernel;
import conv4j.vision.image.ImageMode;
import conv4j.vision.image.JpegWriter;
import conv4j.vision.image.PngWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "filter",
        description = {
            "Apply an image kernel to a picture and save the filtered picture.",
            "Each colour channel goes through the engine's conv2d. As in every deep-learning",
            "library and the lecture's slides, the kernel is applied as a cross-correlation",
            "(not flipped). Values are clamped to 0..255; alpha is kept. The input is a PNG,",
            "JPEG, BMP or GIF file, or a bundled photo: sample:chelsea, sample:astronaut,",
            "sample:coffee. The output is PNG or JPEG, by its extension."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j filter sharpen sample:chelsea sharp.png",
            "  conv4j filter --kernel \"1,2,1;2,4,2;1,2,1\" --scale 0.0625 in.jpg out.png",
            "  conv4j filter edge photo.png edges.png --stride 2 --padding 1",
            "  conv4j filter --list"},
        parameterListHeading = "%nParameters:%n", optionListHeading = "%nOptions:%n")
final class FilterCommand implements Callable<Integer> {
    /**
     * The most pixels a channel of the padded picture may have (the output is never larger): a 40-megapixel photo
     * (the loader's limit) with same padding passes, while --padding 9999 on the 256 x 170 sample (408 MP, 4.9 GB
     * of floats) is a one-line error instead of running out of memory. 64 MP is 1 GB a buffer at four channels.
     */
    static final long MAX_PLANE_PIXELS = 64_000_000L;

    record Report(KernelReport kernel, String border, int stride, PaddingReport padding, PictureReport input,
                  PictureReport output, String geometry, List<String> notes) {
    }

    record KernelReport(String name, int height, int width, double[][] rows, String text) {
        static KernelReport of(String name, ImageKernel k) {
            double[][] rows = new double[k.height()][k.width()];
            for (int r = 0; r < k.height(); r++) {
                for (int c = 0; c < k.width(); c++) {
                    rows[r][c] = k.get(r, c);
                }
            }
            return new KernelReport(name, k.height(), k.width(), rows, k.text());
        }
    }

    record PaddingReport(String mode, int top, int bottom, int left, int right) {
    }

    record PictureReport(String path, int width, int height, int channels) {
    }

    record ListedKernel(String name, List<String> aliases, String description, KernelReport kernel) {
    }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..3", paramLabel = "<arg>", description = "<kernel> <in> <out>: a named kernel "
            + "('conv4j filter --list'), the input picture and the output file; with --kernel, only <in> <out>.")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--list", description = "List the named kernels with their matrices.")
    boolean list;

    @Option(names = "--kernel", paramLabel = "ROWS",
            description = "Your own kernel: rows separated by ';', numbers by ',', an odd number of each,"
                    + " e.g. \"0,-1,0;-1,5,-1;0,-1,0\".")
    String kernelText;

    @Option(names = "--scale", paramLabel = "S", description = "Multiply every weight by S (e.g. 0.0625 for 1/16).")
    Double scale;

    @Option(names = "--sigma", paramLabel = "S",
            description = "For gaussian: the standard deviation in pixels (size default: 2 ceil(3 S) + 1).")
    Double sigma;

    @Option(names = "--size", paramLabel = "N", description = "For gaussian and box-blur: an odd kernel size.")
    Integer size;

    @Option(names = "--border", paramLabel = "MODE", defaultValue = "replicate", converter = BorderConverter.class,
            description = "What the kernel sees past the edge: zero, replicate or reflect (default: ${DEFAULT-VALUE}).")
    BorderMode border;

    @Option(names = "--stride", paramLabel = "N", defaultValue = "1",
            description = "Step of the kernel in pixels (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--padding", paramLabel = "P", defaultValue = "same", converter = PaddingConverter.class,
            description = "valid (none), same (output = input / stride) or N pixels a side"
                    + " (default: ${DEFAULT-VALUE}).")
    FilterPadding padding;

    @Option(names = "--json", description = "Print one JSON object describing what was done.")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        if (list) {
            if (!arguments.isEmpty() || kernelText != null) {
                throw new ParameterException(cl, "--list takes no other arguments, received " + arguments);
            }
            printList(out);
            return Main.OK;
        }
        int expected = kernelText == null ? 3 : 2;
        if (arguments.size() != expected) {
            throw new ParameterException(cl, kernelText == null
                    ? "expected <kernel> <in> <out>, received " + Plural.of(arguments.size(), "argument")
                            + (arguments.isEmpty() ? "" : " " + arguments)
                    : "with --kernel, expected <in> <out>, received " + arguments);
        }
        if (stride < 1) {
            throw new ParameterException(cl, "--stride must be at least 1, received " + stride);
        }
        String name = kernelText == null ? arguments.get(0) : null;
        KernelChoice kernel = KernelChoice.resolve(cl, name, kernelText, scale, sigma, size);
        String inArgument = arguments.get(expected - 2);
        Path outFile = Path.of(arguments.get(expected - 1));
        OutputFormat format = OutputFormat.of(cl, outFile);
        OutputFiles.requireFolder(outFile, "");

        ImageFilter filter = new ImageFilter(kernel.kernel(), border, stride, padding);
        PictureInput input = PictureInput.load(cl, inArgument, null);
        Tensor image = input.image();
        int height = image.dim(1);
        int width = image.dim(2);
        filter.requireWithin(height, width, MAX_PLANE_PIXELS);
        Conv2dGeometry geometry = filter.geometry(1, height, width);
        Tensor filtered = filter.apply(image);

        List<String> notes = new ArrayList<>();
        if (format == OutputFormat.JPEG) {
            if (filtered.dim(0) == 4) {
                notes.add("JPEG has no alpha channel: the picture was laid over white");
            }
            JpegWriter.write(filtered, outFile);
        } else {
            PngWriter.write(filtered, outFile);
        }

        Padding p = geometry.padding();
        int outChannels = format == OutputFormat.JPEG && filtered.dim(0) == 4 ? 3 : filtered.dim(0);
        Report report = new Report(KernelReport.of(kernel.label(), kernel.kernel()), border.label(), stride,
                new PaddingReport(padding.label(), p.top(), p.bottom(), p.left(), p.right()),
                new PictureReport(input.label(), width, height, image.dim(0)),
                new PictureReport(outFile.toString(), filtered.dim(2), filtered.dim(1), outChannels),
                filter.describe(height, width), notes);
        if (json) {
            out.println(Json.write(report));
        } else {
            out.println(kernel.label() + ", applied as a cross-correlation, border " + border.label() + ":");
            out.println(indent(kernel.kernel().matrix()));
            out.println(report.geometry());
            out.println(formula(geometry));
            for (String note : notes) {
                out.println("note: " + note);
            }
            out.println("wrote " + outFile + " (" + filtered.dim(2) + " x " + filtered.dim(1) + ", "
                    + ImageMode.ofChannels(outChannels).name().toLowerCase(Locale.ROOT) + ")");
        }
        out.flush();
        return Main.OK;
    }

    /** The lecture's formula with this picture's numbers: W' = floor((W + 2p - F) / s) + 1, H' likewise. */
    static String formula(Conv2dGeometry g) {
        return "  W' = floor((" + g.inWidth() + " + " + g.padLeft() + " + " + g.padRight() + " - " + g.kernelW()
                + ") / " + g.strideW() + ") + 1 = " + g.outWidth() + ",  H' = floor((" + g.inHeight() + " + "
                + g.padTop() + " + " + g.padBottom() + " - " + g.kernelH() + ") / " + g.strideH() + ") + 1 = "
                + g.outHeight();
    }

    private void printList(PrintWriter out) {
        if (json) {
            List<ListedKernel> kernels = new ArrayList<>();
            for (NamedKernel k : Kernels.all()) {
                kernels.add(new ListedKernel(k.name(), k.aliases(), k.description(),
                        KernelReport.of(k.name(), k.kernel())));
            }
            out.println(Json.write(kernels));
        } else {
            out.println("Named kernels, applied as cross-correlations to each colour channel:");
            for (NamedKernel k : Kernels.all()) {
                String aliases = k.aliases().isEmpty() ? "" : " (also " + String.join(", ", k.aliases()) + ")";
                out.println();
                out.println(k.name() + aliases + ": " + k.description());
                out.println(indent(k.kernel().matrix()));
            }
            out.println();
            out.println("gaussian also takes --sigma S and --size N, box-blur --size N; any kernel takes --scale S.");
        }
        out.flush();
    }

    private static String indent(String lines) {
        return "  " + lines.replace("\n", "\n  ");
    }


    enum OutputFormat {
        PNG, JPEG;

        static OutputFormat of(CommandLine cl, Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".png")) {
                return PNG;
            }
            if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
                return JPEG;
            }
            throw new ParameterException(cl, "the output must end in .png, .jpg or .jpeg, received '" + file + "'");
        }
    }

    static final class BorderConverter implements ITypeConverter<BorderMode> {
        @Override
        public BorderMode convert(String text) {
            try {
                return BorderMode.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PaddingConverter implements ITypeConverter<FilterPadding> {
        @Override
        public FilterPadding convert(String text) {
            try {
                return FilterPadding.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
