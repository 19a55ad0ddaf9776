package io.postern.spa.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * fwknopd checks CMD_EXEC_USER and friends with {@code getpwnam}; Java has no such call, so this
 * looks the name up in {@code /etc/passwd}. Names served only by NSS (LDAP, sssd) are not seen;
 * pass another lookup to {@link AccessConfReader} where that matters.
 */
final class PasswdUsers {

    private PasswdUsers() {
    }

    static boolean exists(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.ISO_8859_1)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equals(name)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
