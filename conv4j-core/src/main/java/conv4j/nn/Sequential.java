package conv4j.nn;

import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/** Layers applied one after another. Unnamed layers are named by position ("0", "1", ...), as in PyTorch. */
public class Sequential extends Module {

    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a layer named by its position. */
    public Sequential add(Module layer) {
        addChild(Integer.toString(children().size()), layer);
        return this;
    }

    /** Appends a layer under a name, e.g. "features". */
    public Sequential add(String name, Module layer) {
        addChild(name, layer);
        return this;
    }

    public List<Module> layers() {
        return new ArrayList<>(children().values());
    }

    @Override
    public Variable forward(Variable input) {
        Variable x = input;
        for (Module m : children().values()) {
            x = m.call(x);
        }
        return x;
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape s = input;
        for (Module m : children().values()) {
            s = m.outputShape(s);
        }
        return s;
    }

    @Override
    public long multiplyAdds(Shape input) {
        long total = 0;
        Shape s = input;
        for (Module m : children().values()) {
            total += m.multiplyAdds(s);
            s = m.outputShape(s);
        }
        return total;
    }

    /** The layers' windows one after another, for a Sequential inside a block. */
    @Override
    public Window window() {
        Window w = Window.IDENTITY;
        for (Module m : children().values()) {
            w = w.then(m.window());
        }
        return w;
    }
}
