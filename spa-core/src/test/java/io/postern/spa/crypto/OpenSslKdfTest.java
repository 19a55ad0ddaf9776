package io.postern.spa.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Key and IV derivation against values printed by {@code openssl enc -aes-256-cbc -md md5 -S ... -P}. */
class OpenSslKdfTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT = HEX.parseHex("0102030405060708");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "fwknoptest, cbc, ebe462fe5be052f4611bbb47b9e7c48bd8b947d85052411f55c16f0e4e04a5ff, 48926d083e8525f9424a6bdaec95c20c",
        "fwknoptest, legacy, b7d08f292bbb1485ac16092b34099c9cee155d72c8272a0bdf9a5e974142fafc, e06a7c0f73e5af425bc21ebf4333e72c",
    })
    void derivesOpenSslKeyAndIv(String pass, String mode, String keyHex, String ivHex) {
        byte[] pw = RijndaelCipher.effectiveKey(KeyMaterial.ofPassphrase(pass), EncryptionMode.fromName(mode));
        OpenSslKdf.KeyAndIv kiv = OpenSslKdf.derive(pw, SALT);
        assertThat(HEX.formatHex(kiv.key())).isEqualTo(keyHex);
        assertThat(HEX.formatHex(kiv.iv())).isEqualTo(ivHex);
    }

    @ParameterizedTest
    @CsvSource({"WoWSaFKLznmZhgcJF0BGZcnAO1A1wKNecn1d9PGDai8=, "
            + "f4e1a74cc2f2a4763e3d6830f8d0bc16dabdde67e207a9c19c8bb56b36cf7e5f, 279ec5b43053b08330b477db41c88efe"})
    void derivesFromBase64Key(String b64, String keyHex, String ivHex) {
        OpenSslKdf.KeyAndIv kiv = OpenSslKdf.derive(KeyMaterial.ofBase64(b64).bytes(), SALT);
        assertThat(HEX.formatHex(kiv.key())).isEqualTo(keyHex);
        assertThat(HEX.formatHex(kiv.iv())).isEqualTo(ivHex);
    }
}
