package io.postern.device.sim;

/**
 * The command interpreter of one simulated IOS session: mode, prompt and the answer to each line. Pure apart
 * from the shared {@link IosDeviceState}; the SSH transport ({@link IosShell}) only feeds it lines. Not
 * thread-safe: one instance per session, used by that session's reader thread.
 */
final class IosCli {

    /** The CLI modes the simulator knows. */
    enum Mode { USER, PRIVILEGED, CONFIG, ACL }

    /** The answer to one line: text ({@code \n} line ends) and whether the session ends after it. */
    record Reply(String text, boolean logout) {
        static Reply of(String text) {
            return new Reply(text, false);
        }
    }

    private static final int MAX_ENABLE_TRIES = 3;

    private final String hostname;
    private final char[] enableSecret;
    private final IosDeviceState state;
    private final SimulatedFaults faults;
    private Mode mode = Mode.USER;
    private String acl;
    private int enableTries;

    IosCli(String hostname, char[] enableSecret, IosDeviceState state, SimulatedFaults faults) {
        this.hostname = hostname;
        this.enableSecret = enableSecret == null ? null : enableSecret.clone();
        this.state = state;
        this.faults = faults;
    }

    Mode mode() {
        return mode;
    }

    /** True while the CLI waits for the enable secret (the typed line must not be echoed). */
    boolean awaitingSecret() {
        return enableTries > 0;
    }

    String prompt() {
        if (awaitingSecret()) {
            return "Password: ";
        }
        String override = faults.promptOverride();
        if (override != null) {
            return override;
        }
        return switch (mode) {
            case USER -> hostname + ">";
            case PRIVILEGED -> hostname + "#";
            case CONFIG -> hostname + "(config)#";
            case ACL -> hostname + "(config-ext-nacl)#";
        };
    }

    Reply handle(String text) {
        if (awaitingSecret()) {
            return Reply.of(checkSecret(text));
        }
        CommandLine line = new CommandLine(text);
        if (line.isEmpty()) {
            return Reply.of("");
        }
        int promptWidth = prompt().length();
        try {
            if (faults.failsConfigCommands() && (mode == Mode.CONFIG || mode == Mode.ACL)
                    && Keywords.match(line.word(0), "exit", "end") == null) {
                throw CliSyntaxException.invalidAt(line, 0);
            }
            return switch (mode) {
                case USER, PRIVILEGED -> exec(line);
                case CONFIG -> config(line);
                case ACL -> accessList(line);
            };
        } catch (CliSyntaxException e) {
            return Reply.of(e.render(promptWidth));
        }
    }

    private String checkSecret(String typed) {
        if (java.security.MessageDigest.isEqual(typed.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new String(enableSecret).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            enableTries = 0;
            mode = Mode.PRIVILEGED;
            return "";
        }
        if (enableTries >= MAX_ENABLE_TRIES) {
            enableTries = 0;
            return "% Bad secrets\n\n";
        }
        enableTries++;
        return "";
    }

    private Reply exec(CommandLine line) throws CliSyntaxException {
        boolean priv = mode == Mode.PRIVILEGED;
        String cmd = word(line, 0, priv
                ? new String[] {"enable", "disable", "terminal", "show", "configure", "write", "exit", "logout"}
                : new String[] {"enable", "disable", "terminal", "show", "exit", "logout"});
        switch (cmd) {
            case "enable":
                end(line, 1);
                if (!priv) {
                    if (enableSecret == null) {
                        mode = Mode.PRIVILEGED;
                    } else {
                        enableTries = 1;
                    }
                }
                return Reply.of("");
            case "disable":
                end(line, 1);
                mode = Mode.USER;
                return Reply.of("");
            case "terminal":
                word(line, 1, "length");
                String n = required(line, 2);
                if (!n.matches("\\d{1,3}") || Integer.parseInt(n) > 512) {
                    throw CliSyntaxException.invalidAt(line, 2);
                }
                end(line, 3);
                return Reply.of("");
            case "show":
                return Reply.of(IosShow.show(line, 1, priv, hostname, state));
            case "configure":
                word(line, 1, "terminal");
                end(line, 2);
                mode = Mode.CONFIG;
                return Reply.of("Enter configuration commands, one per line.  End with CNTL/Z.\n");
            case "write":
                if (line.size() > 1) {
                    word(line, 1, "memory");
                    end(line, 2);
                }
                return Reply.of("Building configuration...\n[OK]\n");
            default:
                end(line, 1);
                return new Reply("", true);
        }
    }

    private Reply config(CommandLine line) throws CliSyntaxException {
        String cmd = word(line, 0, "ip", "no", "do", "exit", "end");
        switch (cmd) {
            case "ip":
                acl = aclName(line, 1);
                state.createAcl(acl);
                mode = Mode.ACL;
                return Reply.of("");
            case "no":
                word(line, 1, "ip");
                String name = aclName(line, 2);
                state.deleteAcl(name);
                return Reply.of("");
            case "do":
                return doExec(line);
            default:
                end(line, 1);
                mode = Mode.PRIVILEGED;
                return Reply.of("");
        }
    }

    private Reply accessList(CommandLine line) throws CliSyntaxException {
        String first = line.word(0);
        if (first.matches("\\d+")) {
            if (first.length() > 10 || Long.parseLong(first) < 1 || Long.parseLong(first) > Integer.MAX_VALUE) {
                throw CliSyntaxException.invalidAt(line, 0);
            }
            required(line, 1);
            return Reply.of(add(Integer.parseInt(first), AceParser.parse(line, 1)));
        }
        String cmd = word(line, 0, "permit", "deny", "no", "do", "exit", "end");
        switch (cmd) {
            case "permit":
            case "deny":
                return Reply.of(add(null, AceParser.parse(line, 0)));
            case "no":
                String what = required(line, 1);
                if (what.matches("\\d+")) {
                    if (what.length() > 10 || Long.parseLong(what) > Integer.MAX_VALUE) {
                        throw CliSyntaxException.invalidAt(line, 1);
                    }
                    end(line, 2);
                    state.remove(acl, Integer.parseInt(what));
                } else {
                    state.remove(acl, AceParser.parse(line, 1));
                }
                return Reply.of("");
            case "do":
                return doExec(line);
            case "exit":
                end(line, 1);
                mode = Mode.CONFIG;
                return Reply.of("");
            default:
                end(line, 1);
                mode = Mode.PRIVILEGED;
                return Reply.of("");
        }
    }

    private String add(Integer seq, AccessListEntry entry) {
        return switch (state.add(acl, seq, entry)) {
            case DUPLICATE_SEQUENCE -> "% Duplicate sequence number\n";
            case ADDED, ALREADY_PRESENT -> "";
        };
    }

    private Reply doExec(CommandLine line) throws CliSyntaxException {
        required(line, 1);
        Mode saved = mode;
        mode = Mode.PRIVILEGED;
        try {
            Reply r = exec(line.drop(1));
            return Reply.of(r.text());
        } finally {
            mode = saved;
        }
    }

    private String aclName(CommandLine line, int at) throws CliSyntaxException {
        word(line, at, "access-list");
        word(line, at + 1, "extended");
        String name = required(line, at + 2);
        if (!name.matches("[A-Za-z][A-Za-z0-9_.\\-]{0,63}|1\\d\\d|2[0-6]\\d\\d")) {
            throw CliSyntaxException.invalidAt(line, at + 2);
        }
        end(line, at + 3);
        return name;
    }

    /** Word {@code i} resolved against {@code keywords}; incomplete when missing, invalid when unknown. */
    static String word(CommandLine line, int i, String... keywords) throws CliSyntaxException {
        String kw = Keywords.match(required(line, i), keywords);
        if (kw == null) {
            throw CliSyntaxException.invalidAt(line, i);
        }
        if (kw.equals(Keywords.AMBIGUOUS)) {
            throw CliSyntaxException.ambiguous(line);
        }
        return kw;
    }

    static String required(CommandLine line, int i) throws CliSyntaxException {
        if (i >= line.size()) {
            throw CliSyntaxException.incomplete();
        }
        return line.word(i);
    }

    static void end(CommandLine line, int i) throws CliSyntaxException {
        if (i < line.size()) {
            throw CliSyntaxException.invalidAt(line, i);
        }
    }
}
