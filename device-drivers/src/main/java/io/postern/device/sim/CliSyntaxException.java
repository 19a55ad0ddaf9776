package io.postern.device.sim;

/** A line the simulated CLI rejects; {@link #render(int)} prints it as IOS does. */
final class CliSyntaxException extends Exception {

    private enum Kind { INVALID, INCOMPLETE, AMBIGUOUS }

    private final Kind kind;
    private final int column;
    private final String text;

    private CliSyntaxException(Kind kind, int column, String text) {
        super(kind + " at " + column, null, false, false);
        this.kind = kind;
        this.column = column;
        this.text = text;
    }

    static CliSyntaxException invalidAt(CommandLine line, int word) {
        return new CliSyntaxException(Kind.INVALID, line.column(word), line.text());
    }

    static CliSyntaxException incomplete() {
        return new CliSyntaxException(Kind.INCOMPLETE, 0, "");
    }

    static CliSyntaxException ambiguous(CommandLine line) {
        return new CliSyntaxException(Kind.AMBIGUOUS, 0, line.text().strip());
    }

    /** The device's answer; the caret sits under the bad word, counting the prompt's width. */
    String render(int promptWidth) {
        switch (kind) {
            case INVALID:
                return " ".repeat(promptWidth + column) + "^\n% Invalid input detected at '^' marker.\n\n";
            case INCOMPLETE:
                return "% Incomplete command.\n\n";
            default:
                return "% Ambiguous command:  \"" + text + "\"\n";
        }
    }
}
