package io.postern.device.ssh;

import io.postern.device.SafeText;
import java.util.List;

/**
 * Turns an argument vector into the one command string an SSH {@code exec} request carries.
 *
 * <p><b>The remote side always runs a shell.</b> The SSH protocol has no argv: sshd hands the string to the
 * login user's shell ({@code $SHELL -c '<string>'}), so every word is subject to that shell's parsing. Each
 * argument is therefore wrapped in single quotes, and an embedded single quote becomes {@code '\''} (close the
 * quote, an escaped quote, reopen). Inside single quotes a POSIX shell ({@code sh}, {@code dash}, {@code bash},
 * {@code ash}/BusyBox, {@code ksh}, {@code zsh}) expands nothing: no {@code $}, {@code `}, globbing, {@code ;},
 * {@code |}, {@code &} or redirection. So each argv element reaches the remote program as exactly one word,
 * byte for byte, whatever it contains; the empty string stays an (empty) argument.
 *
 * <p>Control characters (newline, CR, NUL, TAB...) and invisible format characters are refused: a newline is
 * safe inside single quotes for a POSIX shell, but appliance shells and {@code ForceCommand} wrappers often split
 * on it. A login shell that is not POSIX ({@code csh}, {@code fish}, a vendor CLI) does not give these
 * guarantees; such a device belongs to the {@code ssh-cli} driver. Stateless and thread-safe.
 */
public final class RemoteCommandLine {

    private RemoteCommandLine() {
    }

    /**
     * The command string for {@code argv}: its quoted words joined by single spaces.
     *
     * @throws IllegalArgumentException when {@code argv} is empty or an element holds a control or invisible
     *                                  character (the message gives the index and code point, never the value)
     */
    public static String of(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            int bad = SafeText.firstUnsafe(arg);
            if (bad >= 0) {
                throw new IllegalArgumentException(String.format(
                        "argument %d has a control character U+%04X at index %d", i, (int) arg.charAt(bad), bad));
            }
            if (i > 0) {
                b.append(' ');
            }
            quote(arg, b);
        }
        return b.toString();
    }

    private static void quote(String word, StringBuilder b) {
        b.append('\'');
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\'') {
                b.append("'\\''");
            } else {
                b.append(c);
            }
        }
        b.append('\'');
    }
}
