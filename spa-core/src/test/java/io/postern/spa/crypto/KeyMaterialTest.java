package io.postern.spa.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyMaterialTest {

    @Test
    void toStringNeverShowsTheKey() {
        KeyMaterial k = KeyMaterial.ofPassphrase("hunter2-secret");
        assertThat(k.toString()).doesNotContain("hunter2").contains("14 bytes").startsWith("<masked");
        assertThat(k.toString()).doesNotContain(k.toBase64());
    }

    @Test
    void rejectsNonBase64Keys() {
        assertThatThrownBy(() -> KeyMaterial.ofBase64("abc$def")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("abc");
    }

    @Test
    void legacyModePadsShortKeysWithAsciiZeroAndCutsLongOnes() {
        assertThat(new String(RijndaelCipher.effectiveKey(KeyMaterial.ofPassphrase("fwknoptest"), EncryptionMode.LEGACY)))
                .isEqualTo("fwknoptest000000");
        assertThat(new String(RijndaelCipher.effectiveKey(KeyMaterial.ofPassphrase("12345678901234567890"),
                EncryptionMode.LEGACY))).isEqualTo("1234567890123456");
    }

    @Test
    void rejectsRijndaelKeysOver32Bytes() {
        assertThatThrownBy(() -> RijndaelCipher.effectiveKey(KeyMaterial.ofPassphrase("x".repeat(33)), EncryptionMode.CBC))
                .hasMessageContaining("Invalid key length");
    }

    @Test
    void lenientBase64StopsAtPaddingAndIgnoresDanglingChar() {
        assertThat(SpaBase64.decodeLenient("cm9vdA")).isEqualTo("root".getBytes());
        assertThat(SpaBase64.decodeLenient("cm9vdA==")).isEqualTo("root".getBytes());
        assertThat(SpaBase64.decodeLenient("cm9vdAx")).isEqualTo(new byte[] {'r', 'o', 'o', 't', (byte) 0x0c});
        assertThat(SpaBase64.decodeLenient("cm9v!A")).isNull();
    }
}
