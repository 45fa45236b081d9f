package dev.grader.cli;

import dev.grader.run.Sandbox;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --sandbox none|docker}: see {@link Sandbox} and SECURITY.md. */
final class SandboxConverter implements ITypeConverter<Sandbox> {

    @Override
    public Sandbox convert(String value) {
        try {
            return Sandbox.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
