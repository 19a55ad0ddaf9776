package io.postern.device;

/**
 * Checks that a string that will end up in a command contains no character that could start a new line,
 * hide text, or collide with the renderer's private value markers: ISO control characters (including
 * TAB, CR, LF, NUL), Unicode format characters, line and paragraph separators and private-use characters.
 */
public final class SafeText {

    private SafeText() {
    }

    /** Index of the first unsafe character, or -1 when the text is safe. */
    public static int firstUnsafe(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (isUnsafe(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code c} is refused in any value or rendered command. */
    public static boolean isUnsafe(char c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE && !Character.isSurrogate(c);
    }

    /**
     * Returns {@code value} when it is non-empty and safe.
     *
     * @throws IllegalArgumentException naming {@code what} and the position of the bad character
     */
    public static String require(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + ": missing");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + ": empty");
        }
        int bad = firstUnsafe(value);
        if (bad >= 0) {
            throw new IllegalArgumentException(String.format("%s: control or invisible character U+%04X at index %d",
                    what, (int) value.charAt(bad), bad));
        }
        return value;
    }
}
