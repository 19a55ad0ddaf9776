package io.postern.orchestrator.cli;

import io.postern.spa.crypto.HmacType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import picocli.CommandLine.Option;

/**
 * Key generation as fwknop's {@code --key-gen} does it ({@code fko_key_gen}), shared by {@code keygen}
 * and {@code knock -k}: 32 random bytes for the encryption key, an HMAC key as long as the HMAC type's
 * default, both printed as padded base64. Unlike fwknop it also has lengths for the SHA-3 HMACs.
 */
public final class KeyGenOptions {

    /** Longest key fwknop's {@code --key-len}/{@code --hmac-key-len} take. */
    static final int MAX_LEN = 128;
    /** Encryption key length when {@code --key-len} is absent. */
    static final int DEFAULT_KEY_LEN = 32;

    @Option(names = {"-K", "--key-gen-file"}, paramLabel = "FILE",
            description = "Write the keys to FILE (created with mode 0600) instead of standard output.")
    Path file;

    @Option(names = "--key-len", paramLabel = "BYTES", description = "Encryption key length (default 32).")
    Integer keyLen;

    @Option(names = "--hmac-key-len", paramLabel = "BYTES",
            description = "HMAC key length (default by type: md5 16, sha1 20, sha256 64, sha384/sha512 128, "
                    + "sha3_256 64, sha3_512 128).")
    Integer hmacKeyLen;

    /** Generates, then prints or writes the two lines; returns the exit code. */
    int run(HmacType type, SecureRandom random, PrintWriter out) {
        int k = length(keyLen, DEFAULT_KEY_LEN, "--key-len");
        int h = length(hmacKeyLen, type.generatedKeyLength(), "--hmac-key-len");
        String text = "KEY_BASE64: " + randomBase64(random, k) + "\nHMAC_KEY_BASE64: " + randomBase64(random, h) + "\n";
        if (file == null) {
            out.print(text);
        } else {
            writePrivate(file, text);
            out.println("[+] Wrote Rijndael and HMAC keys to: " + file);
        }
        out.flush();
        return 0;
    }

    private static int length(Integer given, int dflt, String option) {
        int n = given == null ? dflt : given;
        if (n < 1 || n > MAX_LEN) {
            throw CliException.usage(option + " " + n + " is outside 1.." + MAX_LEN);
        }
        return n;
    }

    private static String randomBase64(SecureRandom random, int len) {
        byte[] b = new byte[len];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** Replaces {@code file} with {@code text}, readable by the owner only. */
    static void writePrivate(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.write(file, text.getBytes(StandardCharsets.US_ASCII));
        } catch (FileAlreadyExistsException e) {
            throw CliException.runtime("cannot create key file " + file + ": it appeared while writing", e);
        } catch (IOException e) {
            throw CliException.runtime("cannot write key file " + file + ": " + e.getMessage(), e);
        }
    }
}
