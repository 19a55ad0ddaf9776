package io.postern.orchestrator.serve;

/**
 * What a reload did.
 *
 * @param ok          whether the new configuration is in force
 * @param error       why it was refused (file:line: ...), or null
 * @param stanzas     stanzas in force after a successful reload
 * @param devices     inventory devices targeted after a successful reload
 * @param openGrants  grants open in the ledger at the time of the swap (they keep their timers)
 */
public record ReloadResult(boolean ok, String error, int stanzas, int devices, int openGrants) {

    static ReloadResult ok(int stanzas, int devices, int openGrants) {
        return new ReloadResult(true, null, stanzas, devices, openGrants);
    }

    static ReloadResult failed(String error) {
        return new ReloadResult(false, error, 0, 0, 0);
    }
}
