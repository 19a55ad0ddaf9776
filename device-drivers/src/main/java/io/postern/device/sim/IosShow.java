package io.postern.device.sim;

/** The {@code show} commands of the simulated IOS: {@code access-lists [NAME]} and {@code running-config}. */
final class IosShow {

    private IosShow() {
    }

    static String show(CommandLine line, int at, boolean privileged, String hostname, IosDeviceState state)
            throws CliSyntaxException {
        String what = privileged
                ? IosCli.word(line, at, "access-lists", "running-config")
                : IosCli.word(line, at, "access-lists");
        if (what.equals("running-config")) {
            IosCli.end(line, at + 1);
            return runningConfig(hostname, state);
        }
        if (at + 1 < line.size()) {
            IosCli.end(line, at + 2);
            return accessList(state, line.word(at + 1));
        }
        StringBuilder out = new StringBuilder();
        for (String name : state.aclNames()) {
            out.append(accessList(state, name));
        }
        return out.toString();
    }

    private static String accessList(IosDeviceState state, String name) {
        if (!state.hasAcl(name)) {
            return "";
        }
        StringBuilder out = new StringBuilder("Extended IP access list ").append(name).append('\n');
        for (String entry : state.entries(name)) {
            out.append("    ").append(entry).append('\n');
        }
        return out.toString();
    }

    private static String runningConfig(String hostname, IosDeviceState state) {
        StringBuilder body = new StringBuilder("!\nversion 15.9\n!\nhostname ").append(hostname).append("\n!\n");
        for (String name : state.aclNames()) {
            body.append("ip access-list extended ").append(name).append('\n');
            for (String e : state.entryTexts(name)) {
                body.append(' ').append(e).append('\n');
            }
            body.append("!\n");
        }
        body.append("end\n");
        return "Building configuration...\n\nCurrent configuration : " + body.length() + " bytes\n" + body;
    }
}
