package io.postern.device.exec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs commands as another user ({@code CMD_EXEC_USER}, optionally {@code CMD_EXEC_GROUP}) by prefixing
 * the argv, since the JVM cannot change its own credentials per child. Needs root.
 * <ul>
 *   <li>user only: {@code runuser -u USER --} (the user's primary group and supplementary groups);</li>
 *   <li>user and group: {@code setpriv --reuid=USER --regid=GROUP --init-groups --}.</li>
 * </ul>
 * fwknopd's quirk that {@code CMD_EXEC_GROUP} names a <em>user</em> whose primary group is meant is the
 * config loader's job: it passes the resolved group here.
 *
 * @param user  user name or numeric uid
 * @param group group name or numeric gid, or {@code null} for the user's own groups
 */
public record RunAs(String user, String group) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?");

    public RunAs {
        if (user == null || !NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("run-as user: '" + user + "' (expected: a user name or uid)");
        }
        if (group != null && !NAME.matcher(group).matches()) {
            throw new IllegalArgumentException("run-as group: '" + group + "' (expected: a group name or gid)");
        }
    }

    /** The argv prefix that switches to this user before {@code --}. */
    public List<String> prefix() {
        if (group == null) {
            return List.of("runuser", "-u", user, "--");
        }
        return List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups", "--");
    }
}
