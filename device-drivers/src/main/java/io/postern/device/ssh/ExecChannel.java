package io.postern.device.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.sshd.client.channel.PtyCapableChannelSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * An SSH {@code exec} channel (RFC 4254 section 6.5) without a PTY that never logs its command string. MINA's own
 * {@code ChannelExec} writes the command to its DEBUG log, and a command may carry a secret argument; this channel
 * sends the same request but keeps the command out of every log. Not thread-safe; one channel runs one command.
 */
final class ExecChannel extends PtyCapableChannelSession {

    private final byte[] command;

    ExecChannel(String command, Map<String, ?> env) {
        super(false, null, env);
        this.command = command.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doOpen() throws IOException {
        doOpenPty();
        Buffer buffer = getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, command.length + 32);
        buffer.putUInt(getRecipient());
        buffer.putString(Channel.CHANNEL_EXEC);
        buffer.putBoolean(false);
        buffer.putBytes(command);
        writePacket(buffer);
        super.doOpen();
    }
}
