package conv4j.cli;

import conv4j.tensor.Shape;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --input 3x224x224}: one sample's channels, height and width. */
final class SampleShapeConverter implements ITypeConverter<Shape> {

    @Override
    public Shape convert(String text) {
        Shape s;
        try {
            s = Shape.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        if (s.rank() != 3 || s.size() == 0) {
            throw new TypeConversionException("expected channels x height x width such as 1x28x28, received '"
                    + text + "'");
        }
        return s;
    }
}
