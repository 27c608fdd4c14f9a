package conv4j.tensor;

import conv4j.nn.Module;

/** A class in the lowest package that reaches up to conv4j.nn: the package rule must report it. */
public final class UpwardDependencyFixture {
    private UpwardDependencyFixture() {
    }

    static String describe(Module module) {
        return module.describe();
    }
}
