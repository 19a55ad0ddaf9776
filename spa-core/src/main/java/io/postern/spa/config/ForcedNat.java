package io.postern.spa.config;

/**
 * A stanza's NAT overrides: {@code FORCE_NAT ip port}, {@code FORCE_SNAT ip},
 * {@code FORCE_MASQUERADE}, {@code DISABLE_DNAT}, {@code FORWARD_ALL}. With FORWARD_ALL and SNAT but
 * no FORCE_NAT, fwknopd sets FORCE_NAT to {@code 0.0.0.0 0}; this record holds that result.
 *
 * @param natIp           FORCE_NAT address, or null when not forced
 * @param natPort         FORCE_NAT port (0..65535), 0 when not forced
 * @param snatIp          FORCE_SNAT address, or null
 * @param snat            whether SNAT is forced (FORCE_SNAT or FORCE_MASQUERADE)
 * @param masquerade      FORCE_MASQUERADE
 * @param disableDnat     DISABLE_DNAT
 * @param forwardAll      FORWARD_ALL
 */
public record ForcedNat(String natIp, int natPort, String snatIp, boolean snat, boolean masquerade,
                        boolean disableDnat, boolean forwardAll) {

    /** No NAT directive at all. */
    public static final ForcedNat NONE = new ForcedNat(null, 0, null, false, false, false, false);

    public boolean forcesNat() {
        return natIp != null;
    }
}
