package io.postern.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.config.AccessConf;
import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.FwknopdConf;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.KeyMaterial;
import io.postern.spa.policy.InMemoryDigestStore;
import io.postern.spa.policy.SpaValidator;
import io.postern.spa.policy.ValidatorSettings;
import io.postern.spa.policy.Verdict;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandMessageRunnerTest {

    static final String KEY = "l4+CkJAQrnfpQ9IqtwIpmmJeNdnnqy+sQgOdhuj68eA=";
    static final String HMAC = "ssHH57et35IjvOMcouvFRPENGfD7E+6FGP9GumaIu1CIOz8ZOTglX3QE1Iz8LsuQCYbdHUYYRkHluyEDzMQMVw==";

    @TempDir
    Path dir;

    @Test
    void theHookRunsBeforeTheCommandSoTheReplayDigestIsDurableFirst() throws Exception {
        Path out = dir.resolve("ran");
        Files.writeString(dir.resolve("access.conf"), "SOURCE ANY\nKEY_BASE64 " + KEY + "\nHMAC_KEY_BASE64 " + HMAC
                + "\nENABLE_CMD_EXEC Y\n");
        AccessConf access = new AccessConfReader(FwknopdConf.defaults(), ZoneOffset.UTC, u -> true)
                .read(dir.resolve("access.conf"));
        long now = 1_795_326_722L;
        SpaEncoder enc = new SpaEncoder();
        String wire = enc.encode(new SpaMessage(enc.newRandomValue(), "tester", now, "3.0.0", MessageType.COMMAND,
                "127.0.0.1,/usr/bin/touch " + out, null, null, 0),
                SpaKeys.of(KeyMaterial.ofBase64(KEY), KeyMaterial.ofBase64(HMAC)), DigestType.SHA256);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        Verdict v = new SpaValidator(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC), new InMemoryDigestStore(),
                ValidatorSettings.DEFAULTS).validate(wire, lo, lo, access.stanzas());
        assertThat(v).isInstanceOf(Verdict.Accepted.class);

        List<String> order = new ArrayList<>();
        new CommandMessageRunner(Duration.ofSeconds(5), () -> order.add(Files.exists(out) ? "after" : "before"))
                .accept((Verdict.Accepted) v);
        assertThat(order).containsExactly("before");
        assertThat(out).exists();
    }
}
