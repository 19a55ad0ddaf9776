package io.postern.device.template;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * Freemarker output format of command templates. Its "escaping" wraps every interpolated value between two
 * private-use marker characters; {@link ArgvTokenizer} then copies the marked text into the current argument
 * literally, so a value can never split an argument, close a quote or start a new line. Values themselves may
 * not contain the markers ({@link GrantValues} refuses private-use characters), and an unbalanced marker is a
 * tokenizer error.
 */
public final class ArgvOutputFormat extends CommonMarkupOutputFormat<ArgvOutputFormat.ArgvMarkup> {

    /** Starts an interpolated value in rendered text. */
    static final char VALUE_START = '\uE000';
    /** Ends an interpolated value in rendered text. */
    static final char VALUE_END = '\uE001';

    /** The only instance. */
    public static final ArgvOutputFormat INSTANCE = new ArgvOutputFormat();

    private ArgvOutputFormat() {
    }

    @Override
    public String getName() {
        return "postern-argv";
    }

    @Override
    public String getMimeType() {
        return null;
    }

    @Override
    public void output(String textToEsc, Writer out) throws IOException {
        out.write(escapePlainText(textToEsc));
    }

    @Override
    public String escapePlainText(String plainTextContent) {
        return VALUE_START + plainTextContent + VALUE_END;
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected ArgvMarkup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
        return new ArgvMarkup(plainTextContent, markupContent);
    }

    /** Freemarker's markup value for this format. */
    public static final class ArgvMarkup extends CommonTemplateMarkupOutputModel<ArgvMarkup> {

        ArgvMarkup(String plainTextContent, String markupContent) {
            super(plainTextContent, markupContent);
        }

        @Override
        public ArgvOutputFormat getOutputFormat() {
            return INSTANCE;
        }
    }
}
