package io.postern.spa.config;

/**
 * The command-message settings of a stanza ({@code ENABLE_CMD_EXEC}, {@code ENABLE_CMD_SUDO_EXEC},
 * {@code CMD_EXEC_USER/GROUP}, {@code CMD_SUDO_EXEC_USER/GROUP}). User and group names were checked
 * to exist when the file was read, as fwknopd does.
 *
 * @param enabled     ENABLE_CMD_EXEC
 * @param sudo        ENABLE_CMD_SUDO_EXEC
 * @param user        CMD_EXEC_USER or null
 * @param group       CMD_EXEC_GROUP or null (fwknopd looks it up as a user name)
 * @param sudoUser    CMD_SUDO_EXEC_USER or null
 * @param sudoGroup   CMD_SUDO_EXEC_GROUP or null
 */
public record CommandExec(boolean enabled, boolean sudo, String user, String group, String sudoUser,
                          String sudoGroup) {

    /** Nothing set: command messages refused. */
    public static final CommandExec DISABLED = new CommandExec(false, false, null, null, null, null);
}
