package io.postern.device.ssh;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a device CLI looks like to the session: the prompt (matched against the last, unterminated line of
 * output), the pager-off command, how to enable (command, secret prompt, privileged-prompt check), how to enter
 * and leave configuration mode, and the error patterns (each matched against every output line; any hit fails
 * the command). Built-ins: {@link #CISCO_IOS}, {@link #CISCO_ASA}; {@link #generic} takes the regexes from
 * configuration. Immutable.
 *
 * @param name            profile name for logs
 * @param prompt          any prompt of the device, matched with {@code matches()} against the last line
 * @param privilegedPrompt the prompt after a successful enable, or null when not checked
 * @param configPrompt    a prompt inside configuration mode, or null when unknown
 * @param pagerOff        sent once after login, or null
 * @param enableCommand   sent after the pager command when an enable secret is configured, or null
 * @param secretPrompt    the prompt for the enable secret
 * @param configEnter     enters configuration mode (e.g. {@code configure terminal}), or null
 * @param configLeave     returns to exec mode from any configuration sub-mode (e.g. {@code end}), or null
 * @param errors          output lines that mean the command failed
 * @param refusedChars    characters refused in a command besides control characters (e.g. {@code ?} on IOS)
 * @param lineEnd         what ends a command line on the wire
 */
public record CliProfile(String name, Pattern prompt, Pattern privilegedPrompt, Pattern configPrompt,
        String pagerOff, String enableCommand, Pattern secretPrompt, String configEnter, String configLeave,
        List<Pattern> errors, String refusedChars, String lineEnd) {

    private static final String HOST = "[A-Za-z0-9_.\\-/]+";
    private static final Pattern SECRET_PROMPT = Pattern.compile("(?i)password:\\s*");

    /** Cisco IOS / IOS-XE: {@code R1>}, {@code R1#}, {@code R1(config-ext-nacl)#}. */
    public static final CliProfile CISCO_IOS = new CliProfile("cisco-ios",
            Pattern.compile(HOST + "(\\([\\w.\\-]+\\))?[>#]\\s?"), Pattern.compile(".*#\\s?"),
            Pattern.compile(".*\\(config[^)]*\\)#\\s?"), "terminal length 0", "enable", SECRET_PROMPT,
            "configure terminal", "end",
            patterns("^% Invalid input", "^% Incomplete command", "^% Ambiguous command", "^% Unknown command",
                    "^% Bad secrets", "^% Access denied", "^% Duplicate", "^ERROR:"),
            "?", "\n");

    /** Cisco ASA: {@code asa>}, {@code asa#}, {@code asa(config)#}; pager {@code terminal pager 0}. */
    public static final CliProfile CISCO_ASA = new CliProfile("cisco-asa",
            Pattern.compile(HOST + "(\\([\\w.\\-]+\\))?[>#]\\s?"), Pattern.compile(".*#\\s?"),
            Pattern.compile(".*\\(config[^)]*\\)#\\s?"), "terminal pager 0", "enable", SECRET_PROMPT,
            "configure terminal", "end",
            patterns("^ERROR:", "^% Invalid input", "^% Incomplete command", "^% Ambiguous command"), "?", "\n");

    public CliProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(secretPrompt, "secretPrompt");
        errors = List.copyOf(errors);
        refusedChars = refusedChars == null ? "" : refusedChars;
        lineEnd = lineEnd == null ? "\n" : lineEnd;
    }

    /**
     * A profile for any other CLI: the prompt regex and error regexes come from the inventory; no pager, enable
     * or config-mode commands unless set with the {@code with*} methods.
     */
    public static CliProfile generic(String promptRegex, List<String> errorRegexes) {
        return new CliProfile("generic", Pattern.compile(promptRegex), null, null, null, null, SECRET_PROMPT, null,
                null, patterns(errorRegexes.toArray(String[]::new)), "", "\n");
    }

    /** {@code cisco-ios} or {@code cisco-asa} (case-insensitive); anything else is an error listing the names. */
    public static CliProfile builtin(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cisco-ios" -> CISCO_IOS;
            case "cisco-asa" -> CISCO_ASA;
            default -> throw new IllegalArgumentException("unknown CLI profile '" + name
                    + "' (expected: cisco-ios, cisco-asa, or generic with a prompt regex)");
        };
    }

    public CliProfile withPagerOff(String command) {
        return new CliProfile(name, prompt, privilegedPrompt, configPrompt, command, enableCommand, secretPrompt,
                configEnter, configLeave, errors, refusedChars, lineEnd);
    }

    public CliProfile withEnable(String command, String secretPromptRegex) {
        return new CliProfile(name, prompt, privilegedPrompt, configPrompt, pagerOff, command,
                Pattern.compile(secretPromptRegex), configEnter, configLeave, errors, refusedChars, lineEnd);
    }

    public CliProfile withConfigMode(String enter, String leave, String configPromptRegex) {
        return new CliProfile(name, prompt, privilegedPrompt,
                configPromptRegex == null ? null : Pattern.compile(configPromptRegex), pagerOff, enableCommand,
                secretPrompt, enter, leave, errors, refusedChars, lineEnd);
    }

    /** The first error pattern found in {@code output}, or null. */
    String firstError(String output) {
        for (Pattern p : errors) {
            if (p.matcher(output).find()) {
                return p.pattern();
            }
        }
        return null;
    }

    boolean isInConfigMode(String promptLine) {
        return configPrompt != null && configPrompt.matcher(promptLine).matches();
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(r -> Pattern.compile(r, Pattern.MULTILINE)).toList();
    }
}
