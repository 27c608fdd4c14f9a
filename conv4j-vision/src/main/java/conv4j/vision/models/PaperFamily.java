package conv4j.vision.models;

import java.util.List;

/** A family of the zoo whose paper puts its networks side by side in a table. */
interface PaperFamily {
    /** How the command line names it: {@code vgg}. */
    String name();

    /** The zoo's models that are the paper's columns, left to right. */
    List<String> columns();

    /** The paper's tables for {@code models}, some of {@link #columns()} in the order given, counted in the models. */
    List<PaperTable> tables(List<String> models);
}
