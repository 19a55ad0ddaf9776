package io.postern.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run: table rows (Postern beside fwknopd) plus raw per-run samples, written as JSON. */
final class Results {

    /**
     * One line of the table. {@code higherIsBetter} decides the direction of the factor: the factor is always
     * "how many times better Postern is" (>1 = Postern better).
     */
    record Row(String scenario, String metric, String unit, Double postern, Double fwknopd, boolean higherIsBetter,
               String target, Double targetFactor, String note) {

        Double factor() {
            if (postern == null || fwknopd == null || postern.isNaN() || fwknopd.isNaN() || postern == 0 || fwknopd == 0) {
                return null;
            }
            return higherIsBetter ? postern / fwknopd : fwknopd / postern;
        }

        /** "met", "MISSED" or "" when the row carries no factor target. */
        String verdict() {
            if (targetFactor == null) {
                return "";
            }
            Double f = factor();
            return f == null ? "n/a" : f >= targetFactor ? "met" : "MISSED";
        }
    }

    final Map<String, Object> machine = new LinkedHashMap<>();
    final List<Row> rows = new ArrayList<>();
    final Map<String, Object> raw = new LinkedHashMap<>();
    final List<String> findings = new ArrayList<>();
    /** Absolute targets (latency, memory) with their verdicts. */
    final List<Map<String, Object>> absoluteTargets = new ArrayList<>();

    synchronized void add(Row r) {
        rows.add(r);
    }

    synchronized void raw(String key, Object value) {
        raw.put(key, value);
    }

    synchronized void finding(String f) {
        findings.add(f);
        System.out.println("  finding: " + f);
    }

    synchronized void absolute(String target, String measured, boolean met) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("measured", measured);
        m.put("verdict", met ? "met" : "MISSED");
        absoluteTargets.add(m);
    }

    void writeJson(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("machine", machine);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", r.scenario());
            m.put("metric", r.metric());
            m.put("unit", r.unit());
            m.put("postern", r.postern());
            m.put("fwknopd", r.fwknopd());
            m.put("postern_advantage", r.factor());
            m.put("higher_is_better", r.higherIsBetter());
            m.put("target", r.target());
            m.put("verdict", r.verdict());
            m.put("note", r.note());
            rs.add(m);
        }
        root.put("rows", rs);
        root.put("absolute_targets", absoluteTargets);
        root.put("findings", findings);
        root.put("raw", raw);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    void printTable(PrintStream out) {
        out.println();
        out.println("Machine: " + machine.get("cores") + " cores, " + machine.get("cpu") + "; " + machine.get("jdk")
                + "; " + machine.get("fwknopd") + "; load before the run " + machine.get("loadavg_start")
                + " (mode " + machine.get("mode") + ")");
        out.println();
        out.println("| scenario | metric | Postern | fwknopd | Postern advantage (x, >1 better) | target | verdict | note |");
        out.println("|---|---|---:|---:|---:|---|---|---|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %s (%s) | %s | %s | %s | %s | %s | %s |%n", r.scenario(), r.metric(), r.unit(),
                    fmt(r.postern()), fmt(r.fwknopd()), r.factor() == null ? "" : String.format(Locale.ROOT, "%.2f", r.factor()),
                    r.target() == null ? "" : r.target(), r.verdict(), r.note() == null ? "" : r.note());
        }
        if (!absoluteTargets.isEmpty()) {
            out.println();
            out.println("| absolute target | measured | verdict |");
            out.println("|---|---|---|");
            for (Map<String, Object> m : absoluteTargets) {
                out.printf("| %s | %s | %s |%n", m.get("target"), m.get("measured"), m.get("verdict"));
            }
        }
        if (!findings.isEmpty()) {
            out.println();
            out.println("Findings:");
            for (String f : findings) {
                out.println("- " + f);
            }
        }
    }

    static String fmt(Double d) {
        if (d == null || d.isNaN()) {
            return "-";
        }
        double a = Math.abs(d);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
