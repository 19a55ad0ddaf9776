package io.postern.orchestrator.inventory;

import io.postern.device.template.Section;
import io.postern.device.template.TemplateRenderer;
import java.io.IOException;
import java.nio.file.Path;

/** Which template families exist. Production wraps a {@link TemplateRenderer}; tests may pass a lambda. */
@FunctionalInterface
public interface TemplateCatalog {

    /**
     * Whether {@code family} has {@code section}.
     *
     * @throws IllegalArgumentException when {@code family} is not a valid family name
     */
    boolean exists(String family, Section section);

    /** Where templates are looked up, for error messages. */
    default String where() {
        return "the template directories";
    }

    /** The templates shipped on the class path. */
    static TemplateCatalog shipped() {
        return of(TemplateRenderer.classpathOnly(), "classpath " + TemplateRenderer.CLASSPATH_BASE);
    }

    /** {@code dir} first, then the shipped templates. */
    static TemplateCatalog withUserDir(Path dir) throws IOException {
        return of(TemplateRenderer.withUserDir(dir), dir + " or classpath " + TemplateRenderer.CLASSPATH_BASE);
    }

    /** The families {@code renderer} finds. */
    static TemplateCatalog of(TemplateRenderer renderer, String where) {
        return new TemplateCatalog() {
            @Override
            public boolean exists(String family, Section section) {
                return renderer.exists(family, section);
            }

            @Override
            public String where() {
                return where;
            }
        };
    }
}
