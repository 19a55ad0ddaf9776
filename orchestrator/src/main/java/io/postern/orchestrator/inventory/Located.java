package io.postern.orchestrator.inventory;

/** A scalar value read from the inventory, with its key and where it was written. */
record Located(String key, String value, Origin origin) {
}
