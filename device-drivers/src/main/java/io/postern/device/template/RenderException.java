package io.postern.device.template;

/**
 * A command could not be built: a template is missing or invalid, refers to a value that is not there, or
 * renders a line that is not a valid argument vector; or a CMD_CYCLE command cannot be substituted. The
 * message starts with the source, e.g. {@code template nftables/open.ftl line 3: missing value: natHost}.
 */
public class RenderException extends Exception {

    private final String source;
    private final int line;

    /**
     * @param source template name or the directive, e.g. {@code nftables/open.ftl}, {@code CMD_CYCLE_OPEN}
     * @param line   1-based line, 0 when not tied to a line
     * @param what   the problem
     */
    public RenderException(String source, int line, String what, Throwable cause) {
        super(source + (line > 0 ? " line " + line : "") + ": " + what, cause);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
