package io.postern.device.sim;

import java.util.ArrayList;
import java.util.List;

/** A typed line split into words, each remembering its column so that errors can point at it with a caret. */
final class CommandLine {

    private final String text;
    private final List<String> words = new ArrayList<>();
    private final List<Integer> columns = new ArrayList<>();

    CommandLine(String text) {
        this.text = text;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < text.length() && text.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
                columns.add(start);
            }
        }
    }

    String text() {
        return text;
    }

    int size() {
        return words.size();
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    String word(int i) {
        return words.get(i);
    }

    /** The column of word {@code i}; one past the end of the line when {@code i} is past the last word. */
    int column(int i) {
        return i < columns.size() ? columns.get(i) : text.stripTrailing().length() + 1;
    }

    /** The words from {@code from} on, joined by single spaces. */
    String rest(int from) {
        return String.join(" ", words.subList(from, words.size()));
    }

    /** The same line without its first {@code n} words, columns kept relative to the original line. */
    CommandLine drop(int n) {
        int cut = n < columns.size() ? columns.get(n) : text.length();
        CommandLine tail = new CommandLine(" ".repeat(cut) + text.substring(cut));
        return tail;
    }
}
