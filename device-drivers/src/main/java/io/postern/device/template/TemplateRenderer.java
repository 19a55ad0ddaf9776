package io.postern.device.template;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.TemplateNotFoundException;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.postern.device.CommandSequence;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * Renders a template family's sections into {@link CommandSequence}s. Templates are looked up in a user
 * directory first, then on the class path under {@code io/postern/templates/}; each section is one file,
 * {@code <family>/<section>.ftl}, and renders one command per line (blank lines are skipped). A line may start
 * with {@code @ok-exit=0,1} to accept more exit codes than 0 (for idempotent closes).
 *
 * <p>Strict: a missing value is an error, never an empty string; every error names the template and line.
 * Interpolated values are typed (addresses as text, numbers as plain digits) and are each kept inside one
 * argument by {@link ArgvOutputFormat}. Template authors must not use {@code ?no_esc} on values.
 *
 * <p>The template model has {@code src}, {@code pktSrc}, {@code dst}, {@code family} ({@code ipv4}/{@code ipv6}),
 * {@code proto} ({@code tcp}), {@code protoNumber}, {@code port}, {@code timeout}, {@code expiresAt},
 * {@code clientTimeout}, {@code stanza}, {@code ruleId}, {@code vars}, and {@code natHost}/{@code natPort}
 * only when the grant has a NAT target. Provision sections see only {@code vars}.
 *
 * <p>Thread-safe: one instance may render concurrently; parsed templates are cached.
 */
public final class TemplateRenderer {

    /** Where the shipped templates live on the class path. */
    public static final String CLASSPATH_BASE = "io/postern/templates/";

    private static final Pattern FAMILY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern OK_EXIT = Pattern.compile("@ok-exit=([0-9]{1,3}(,[0-9]{1,3})*)");

    private final Configuration cfg;
    private final String where;

    private TemplateRenderer(TemplateLoader loader, String where) {
        this.where = where;
        cfg = new Configuration(Configuration.VERSION_2_3_33);
        cfg.setTemplateLoader(loader);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("computer");
        cfg.setBooleanFormat("c");
        cfg.setLocale(Locale.ROOT);
        cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
        cfg.setLocalizedLookup(false);
        cfg.setRecognizeStandardFileExtensions(false);
        cfg.setRegisteredCustomOutputFormats(List.of(ArgvOutputFormat.INSTANCE));
        cfg.setOutputFormat(ArgvOutputFormat.INSTANCE);
        cfg.setAutoEscapingPolicy(Configuration.FORCE_AUTO_ESCAPING_POLICY);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setAPIBuiltinEnabled(false);
    }

    /** Only the shipped templates. */
    public static TemplateRenderer classpathOnly() {
        return new TemplateRenderer(classpathLoader(), "classpath " + CLASSPATH_BASE);
    }

    /** Templates from {@code userDir} (for example {@code userDir/nftables/open.ftl}), then the shipped ones. */
    public static TemplateRenderer withUserDir(Path userDir) throws IOException {
        TemplateLoader user = new FileTemplateLoader(userDir.toFile());
        return new TemplateRenderer(new MultiTemplateLoader(new TemplateLoader[] {user, classpathLoader()}),
                userDir + " or classpath " + CLASSPATH_BASE);
    }

    private static TemplateLoader classpathLoader() {
        return new ClassTemplateLoader(TemplateRenderer.class.getClassLoader(), CLASSPATH_BASE);
    }

    /** Whether the family has this section. */
    public boolean exists(String family, Section section) {
        try {
            return cfg.getTemplateLoader().findTemplateSource(name(family, section)) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Renders the open and close sections of a grant.
     *
     * @param stepTimeout the time limit of each command
     */
    public GrantContext renderGrant(String logPrefix, String family, GrantValues values, Duration stepTimeout)
            throws RenderException {
        return new GrantContext(logPrefix, render(family, Section.OPEN, values, stepTimeout),
                render(family, Section.CLOSE, values, stepTimeout));
    }

    /** Renders the open or close section for a grant. */
    public CommandSequence render(String family, Section section, GrantValues values, Duration stepTimeout)
            throws RenderException {
        if (section == Section.PROVISION) {
            throw new IllegalArgumentException("use renderProvision");
        }
        return renderModel(name(family, section), grantModel(values), stepTimeout);
    }

    /** Renders the provision section from device variables only. */
    public CommandSequence renderProvision(String family, Map<String, String> vars, Duration stepTimeout)
            throws RenderException {
        Map<String, Object> model = new HashMap<>();
        model.put("vars", GrantValues.checkVars(vars));
        return renderModel(name(family, Section.PROVISION), model, stepTimeout);
    }

    private static String name(String family, Section section) {
        if (!FAMILY.matcher(family).matches()) {
            throw new IllegalArgumentException("template family: '" + family
                    + "' (expected: lower-case letters, digits, '.', '_', '-')");
        }
        return family + "/" + section.fileName();
    }

    private static Map<String, Object> grantModel(GrantValues v) {
        Map<String, Object> m = new HashMap<>();
        m.put("src", Addresses.format(v.source()));
        m.put("pktSrc", Addresses.format(v.packetSource()));
        m.put("dst", Addresses.format(v.destination()));
        m.put("family", v.family());
        m.put("proto", v.protocol().label());
        m.put("protoNumber", v.protocol().number());
        m.put("port", v.port());
        m.put("timeout", v.timeoutSeconds());
        m.put("expiresAt", v.expiresAt());
        m.put("clientTimeout", v.clientTimeout());
        m.put("stanza", v.stanza());
        m.put("ruleId", v.ruleId());
        m.put("vars", v.vars());
        if (v.hasNat()) {
            m.put("natHost", v.natHost());
            m.put("natPort", v.natPort());
        }
        return m;
    }

    private CommandSequence renderModel(String name, Map<String, Object> model, Duration stepTimeout)
            throws RenderException {
        String source = "template " + name;
        String text;
        try {
            Template t = cfg.getTemplate(name);
            StringWriter out = new StringWriter();
            t.process(model, out);
            text = out.toString();
        } catch (TemplateNotFoundException e) {
            throw new RenderException(source, 0, "not found in " + where, e);
        } catch (ParseException e) {
            throw new RenderException(source, e.getLineNumber(), "syntax error: " + firstLine(e.getEditorMessage()), e);
        } catch (InvalidReferenceException e) {
            throw new RenderException(source(e, source), lineOf(e), "missing value: " + e.getBlamedExpressionString(), e);
        } catch (TemplateException e) {
            throw new RenderException(source(e, source), lineOf(e), firstLine(e.getMessageWithoutStackTop()), e);
        } catch (IOException e) {
            throw new RenderException(source, 0, "cannot read: " + e.getMessage(), e);
        }
        return toSequence(source, text, stepTimeout);
    }

    private static CommandSequence toSequence(String source, String text, Duration stepTimeout)
            throws RenderException {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            try {
                Set<Integer> ok = Set.of(0);
                String stripped = line.strip();
                if (stripped.startsWith("@ok-exit=")) {
                    int sp = stripped.indexOf(' ');
                    String directive = sp < 0 ? stripped : stripped.substring(0, sp);
                    ok = okExit(directive);
                    line = sp < 0 ? "" : stripped.substring(sp + 1);
                }
                List<String> argv = ArgvTokenizer.tokenize(line);
                if (!argv.isEmpty()) {
                    steps.add(new Step(argv, stepTimeout, ok));
                } else if (!ok.equals(Set.of(0))) {
                    throw new IllegalArgumentException("@ok-exit without a command");
                }
            } catch (IllegalArgumentException e) {
                throw new RenderException(source, 0, "rendered line " + (i + 1) + ", " + e.getMessage(), e);
            }
        }
        return CommandSequence.of(steps);
    }

    private static Set<Integer> okExit(String directive) {
        if (!OK_EXIT.matcher(directive).matches()) {
            throw new IllegalArgumentException("column 1: '" + directive + "' (expected: @ok-exit=0,1)");
        }
        Set<Integer> codes = new HashSet<>();
        for (String s : directive.substring("@ok-exit=".length()).split(",")) {
            codes.add(Integer.parseInt(s));
        }
        return codes;
    }

    private static String source(TemplateException e, String fallback) {
        return e.getTemplateSourceName() == null ? fallback : "template " + e.getTemplateSourceName();
    }

    private static int lineOf(TemplateException e) {
        return e.getLineNumber() == null ? 0 : e.getLineNumber();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
