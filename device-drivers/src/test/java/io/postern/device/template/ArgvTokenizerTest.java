package io.postern.device.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgvTokenizerTest {

    private static String value(String v) {
        return ArgvOutputFormat.VALUE_START + v + ArgvOutputFormat.VALUE_END;
    }

    @Test
    void splitsOnSpacesAndIgnoresRuns() {
        assertThat(ArgvTokenizer.tokenize("  nft  add   table inet x ")).containsExactly("nft", "add", "table", "inet", "x");
        assertThat(ArgvTokenizer.tokenize("   ")).isEmpty();
    }

    @Test
    void singleQuotesAreLiteral() {
        assertThat(ArgvTokenizer.tokenize("a 'b c \\ \"d\"' e")).containsExactly("a", "b c \\ \"d\"", "e");
        assertThat(ArgvTokenizer.tokenize("--x='' y")).containsExactly("--x=", "y");
        assertThat(ArgvTokenizer.tokenize("''")).containsExactly("");
    }

    @Test
    void doubleQuotesEscapeOnlyQuoteAndBackslash() {
        assertThat(ArgvTokenizer.tokenize("\"a \\\"b\\\" \\\\ \\n\"")).containsExactly("a \"b\" \\ \\n");
    }

    @Test
    void quotesJoinAdjacentText() {
        assertThat(ArgvTokenizer.tokenize("--rule='family=\"ipv4\" accept'"))
                .containsExactly("--rule=family=\"ipv4\" accept");
    }

    @Test
    void backslashEscapesOutsideQuotes() {
        assertThat(ArgvTokenizer.tokenize("a\\ b c")).containsExactly("a b", "c");
        assertThatThrownBy(() -> ArgvTokenizer.tokenize("a\\")).hasMessageContaining("backslash");
    }

    @Test
    void nothingIsExpanded() {
        List<String> argv = ArgvTokenizer.tokenize("echo $HOME ${X} $(id) `id` * ~ ; | && > /tmp/x");
        assertThat(argv).containsExactly("echo", "$HOME", "${X}", "$(id)", "`id`", "*", "~", ";", "|", "&&", ">", "/tmp/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "a\rb", "a\nb", "a\u0000b", "a\u2028b", "a\u200bb", "'a\tb'", "\"\u001b\""})
    void controlAndInvisibleCharactersAreRejected(String line) {
        assertThatThrownBy(() -> ArgvTokenizer.tokenize(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column");
    }

    @Test
    void unterminatedQuotesAreRejected() {
        assertThatThrownBy(() -> ArgvTokenizer.tokenize("a 'b")).hasMessageContaining("unterminated single quote");
        assertThatThrownBy(() -> ArgvTokenizer.tokenize("a \"b")).hasMessageContaining("unterminated double quote");
    }

    @Test
    void markedValueStaysInOneArgumentWhateverItContains() {
        String v = value("x y' \"z\" ; $(id)");
        assertThat(ArgvTokenizer.tokenize("cmd " + v + " end")).containsExactly("cmd", "x y' \"z\" ; $(id)", "end");
        assertThat(ArgvTokenizer.tokenize("cmd 'pre " + v + " post'")).containsExactly("cmd", "pre x y' \"z\" ; $(id) post");
        assertThat(ArgvTokenizer.tokenize("--opt=" + v)).containsExactly("--opt=x y' \"z\" ; $(id)");
    }

    @Test
    void unbalancedMarkersAreRejected() {
        assertThatThrownBy(() -> ArgvTokenizer.tokenize("a " + ArgvOutputFormat.VALUE_START + "b"))
                .hasMessageContaining("value not terminated");
        assertThatThrownBy(() -> ArgvTokenizer.tokenize("a " + ArgvOutputFormat.VALUE_END))
                .hasMessageContaining("U+E001");
        assertThatThrownBy(() -> ArgvTokenizer.tokenize(value("a" + ArgvOutputFormat.VALUE_START + "b")))
                .hasMessageContaining("U+E000");
    }
}
