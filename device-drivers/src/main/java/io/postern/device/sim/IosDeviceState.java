package io.postern.device.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The configuration of one simulated router: its named extended ACLs. Shared by all sessions of the device;
 * every method is atomic (one lock), so concurrent sessions see each other's changes in order.
 */
final class IosDeviceState {

    /** What happened to an added entry. */
    enum AddResult { ADDED, DUPLICATE_SEQUENCE, ALREADY_PRESENT }

    static final int STEP = 10;

    private final Map<String, NavigableMap<Integer, AccessListEntry>> acls = new LinkedHashMap<>();

    synchronized void createAcl(String name) {
        acls.computeIfAbsent(name, n -> new TreeMap<>());
    }

    synchronized boolean deleteAcl(String name) {
        return acls.remove(name) != null;
    }

    /** Adds an entry; {@code seq == null} appends after the highest sequence number, on the next multiple of 10. */
    synchronized AddResult add(String acl, Integer seq, AccessListEntry entry) {
        NavigableMap<Integer, AccessListEntry> entries = acls.computeIfAbsent(acl, n -> new TreeMap<>());
        if (entries.containsValue(entry)) {
            return AddResult.ALREADY_PRESENT;
        }
        int at = seq != null ? seq : entries.isEmpty() ? STEP : (entries.lastKey() / STEP + 1) * STEP;
        if (entries.containsKey(at)) {
            return AddResult.DUPLICATE_SEQUENCE;
        }
        entries.put(at, entry);
        return AddResult.ADDED;
    }

    synchronized boolean remove(String acl, int seq) {
        NavigableMap<Integer, AccessListEntry> entries = acls.get(acl);
        return entries != null && entries.remove(seq) != null;
    }

    synchronized boolean remove(String acl, AccessListEntry entry) {
        NavigableMap<Integer, AccessListEntry> entries = acls.get(acl);
        return entries != null && entries.values().remove(entry);
    }

    synchronized List<String> aclNames() {
        return List.copyOf(acls.keySet());
    }

    /** The entries as {@code show access-lists} prints them after the header: {@code "10 permit tcp ..."}. */
    synchronized List<String> entries(String acl) {
        NavigableMap<Integer, AccessListEntry> entries = acls.get(acl);
        if (entries == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(entries.size());
        entries.forEach((seq, e) -> out.add(seq + " " + e));
        return out;
    }

    /** The entries without sequence numbers, as the running config prints them. */
    synchronized List<String> entryTexts(String acl) {
        NavigableMap<Integer, AccessListEntry> entries = acls.get(acl);
        return entries == null ? List.of() : entries.values().stream().map(Object::toString).toList();
    }

    synchronized boolean hasAcl(String acl) {
        return acls.containsKey(acl);
    }

    synchronized void clear() {
        acls.clear();
    }
}
