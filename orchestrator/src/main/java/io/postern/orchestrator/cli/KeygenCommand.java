package io.postern.orchestrator.cli;

import io.postern.spa.config.FwknopRc;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code postern keygen}: prints {@code KEY_BASE64:} and {@code HMAC_KEY_BASE64:} lines exactly as
 * {@code fwknop --key-gen} does, for pasting into access.conf and {@code ~/.fwknoprc}.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate an encryption key and an HMAC key in fwknop's --key-gen format.")
public final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KeyGenOptions keyGen;

    @Option(names = "--hmac-digest-type", paramLabel = "TYPE",
            description = "HMAC type the key is for: md5, sha1, sha256 (default), sha384, sha512, sha3_256, sha3_512.")
    String hmacType;

    SecureRandom random = new SecureRandom();

    @Override
    public Integer call() {
        KeyOptions k = new KeyOptions();
        k.hmacType = hmacType;
        return keyGen.run(k.hmacType(FwknopRc.empty()), random, spec.commandLine().getOut());
    }
}
