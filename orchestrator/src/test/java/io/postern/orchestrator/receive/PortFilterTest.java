package io.postern.orchestrator.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortFilterTest {

    @Test
    void simpleBpfForms() {
        assertThat(PortFilter.fromBpf("udp port 62201")).contains(PortFilter.DEFAULT);
        assertThat(PortFilter.fromBpf("tcp dst port 443")).contains(new PortFilter(false, true, Set.of(443)));
        assertThat(PortFilter.fromBpf(" UDP or TCP port 1 ")).contains(PortFilter.udpAndTcp(Set.of(1)));
        assertThat(PortFilter.fromBpf("(udp or tcp) port 80")).contains(PortFilter.udpAndTcp(Set.of(80)));
        assertThat(PortFilter.fromBpf("port 62201")).contains(PortFilter.udpAndTcp(Set.of(62201)));
    }

    @Test
    void anythingElseIsNotSimple() {
        assertThat(PortFilter.fromBpf("udp port 62201 and host 10.0.0.1")).isEmpty();
        assertThat(PortFilter.fromBpf("udp port 70000")).isEmpty();
        assertThat(PortFilter.fromBpf("udp portrange 1-2")).isEmpty();
        assertThat(PortFilter.fromBpf("")).isEmpty();
        assertThatThrownBy(() -> new PortFilter(true, true, Set.of(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void libpcapIsFoundWithoutTheDevPackage() {
        String problem = Libpcap.problem();
        ToolAssumptions.require(problem == null, String.valueOf(problem));
        String name = System.getProperty(Libpcap.PROPERTY);
        if (name != null && name.startsWith("/")) {
            assertThat(new File(name)).exists();
        }
    }
}
