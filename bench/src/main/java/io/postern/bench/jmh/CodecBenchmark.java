package io.postern.bench.jmh;

import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.KeyMaterial;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec alone, steady state: decode a valid fwknop packet (HMAC-SHA256, AES-CBC, SHA-256 digest) and
 * reject one whose HMAC does not verify. Run: {@code java -jar bench/target/postern-bench.jar jmh CodecBenchmark}
 * (add {@code -prof jfr} or {@code -prof stack} to profile).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    private SpaKeys keys;
    private String valid;
    private String wrongHmac;

    @Setup
    public void setup() throws Exception {
        SecureRandom r = new SecureRandom();
        byte[] k = new byte[32];
        byte[] h = new byte[64];
        byte[] h2 = new byte[64];
        r.nextBytes(k);
        r.nextBytes(h);
        r.nextBytes(h2);
        keys = SpaKeys.of(KeyMaterial.ofBytes(k), KeyMaterial.ofBytes(h));
        SpaKeys other = SpaKeys.of(KeyMaterial.ofBytes(k), KeyMaterial.ofBytes(h2));
        SpaEncoder enc = new SpaEncoder(r);
        SpaMessage m = new SpaMessage(enc.newRandomValue(), "bench", System.currentTimeMillis() / 1000,
                SpaMessage.PROTOCOL_VERSION, MessageType.ACCESS, "198.18.0.1,tcp/22", null, null, 0);
        valid = enc.encode(m, keys, DigestType.SHA256);
        wrongHmac = enc.encode(m, other, DigestType.SHA256);
        if (!SpaDecoder.decode(valid, keys).isAccepted() || SpaDecoder.decode(wrongHmac, keys).isAccepted()) {
            throw new IllegalStateException("benchmark packets do not behave as expected");
        }
    }

    @Benchmark
    public DecodeResult decodeValid() {
        return SpaDecoder.decode(valid, keys);
    }

    @Benchmark
    public DecodeResult rejectBadHmac() {
        return SpaDecoder.decode(wrongHmac, keys);
    }
}
