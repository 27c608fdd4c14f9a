package conv4j.vision.models;

import conv4j.nn.Module;
import conv4j.nn.Sequential;
import conv4j.nn.SequentialWithAux;
import conv4j.tensor.Shape;
import java.util.Optional;

/** The table the lecture shows for a model's family, where it has one: GoogLeNet's table 1, ResNet's table 1. */
public final class LectureTables {
    private LectureTables() {
    }

    public static Optional<String> render(Module model, Shape sample) {
        if (GoogLeNetTable.describes(model)) {
            return Optional.of("As the GoogLeNet paper's table 1 (params: weights without biases, K = 1024; ops: "
                    + "multiply-adds):\n" + GoogLeNetTable.render((SequentialWithAux) model, sample));
        }
        if (ResNetTable.describes(model)) {
            return Optional.of("As the ResNet paper's table 1 (FLOPs: multiply-adds):\n"
                    + ResNetTable.render((Sequential) model, sample));
        }
        return Optional.empty();
    }
}
