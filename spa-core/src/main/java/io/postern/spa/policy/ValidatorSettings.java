package io.postern.spa.policy;

import io.postern.spa.config.FwknopdConf;
import java.time.Duration;
import java.util.Objects;

/**
 * The server-wide switches the validator honours, taken from fwknopd.conf.
 *
 * @param window            ENABLE_SPA_PACKET_AGING and MAX_SPA_PACKET_AGE
 * @param digestPersistence ENABLE_DIGEST_PERSISTENCE: with false there is no replay check at all, as
 *                          in fwknopd
 * @param natForwarding     ENABLE_IPT_FORWARDING: NAT access requests (types 2, 4) allowed
 * @param localNat          ENABLE_IPT_LOCAL_NAT: local NAT requests (types 5, 6) allowed
 * @param testMode          fwknopd's {@code --test}: decide, but never store a replay digest
 */
public record ValidatorSettings(TimestampWindow window, boolean digestPersistence, boolean natForwarding,
                                boolean localNat, boolean testMode) {

    /** fwknopd's defaults: aging on at 120 s, replay cache on, NAT off, not test mode. */
    public static final ValidatorSettings DEFAULTS =
            new ValidatorSettings(TimestampWindow.DEFAULT, true, false, false, false);

    public ValidatorSettings {
        Objects.requireNonNull(window, "window");
    }

    /** The settings a fwknopd.conf gives. */
    public static ValidatorSettings from(FwknopdConf conf, boolean testMode) {
        return new ValidatorSettings(new TimestampWindow(conf.packetAging(), Duration.ofSeconds(conf.maxPacketAge())),
                conf.digestPersistence(), conf.iptForwarding(), conf.iptLocalNat(), testMode);
    }

    public ValidatorSettings withNat(boolean forwarding, boolean local) {
        return new ValidatorSettings(window, digestPersistence, forwarding, local, testMode);
    }

    public ValidatorSettings withWindow(TimestampWindow w) {
        return new ValidatorSettings(w, digestPersistence, natForwarding, localNat, testMode);
    }

    public ValidatorSettings withTestMode(boolean test) {
        return new ValidatorSettings(window, digestPersistence, natForwarding, localNat, test);
    }
}
