package io.postern.spa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SOURCE/DESTINATION entries as fwknopd 2.6.10 accepts them, plus Postern's IPv6 entries. */
class AddressListTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "ANY                        | 203.0.113.9   | true",
        "any                        | 2001:db8::1   | true",
        "10.0.0.0/8                 | 10.255.1.2    | true",
        "10.0.0.0/8                 | 11.0.0.1      | false",
        "10.1.2.3/255.255.0.0       | 10.1.99.99    | true",
        "10.0.0.0/255.0.255.0       | 10.9.0.9      | true",  // non-contiguous dotted mask, as fwknopd ANDs it
        "1.2.3.4                    | 1.2.3.4       | true",
        "1.2.3.4                    | 1.2.3.5       | false",
        "1.2.3.4 ,5.6.7.8           | 5.6.7.8       | true",  // inet_aton stops at whitespace (fwknopd loads it)
        "1.2.3                      | 1.2.0.3       | true",  // inet_aton short form (fwknopd loads it)
        "0x0a.0.0.1                 | 10.0.0.1      | true",
        "10.0.0.0/255.255.0         | 10.0.7.7      | true",  // mask read by inet_aton too: 255.255.0.0
        "192.168.1.0/32             | 192.168.1.1   | false",
        "2001:db8::/32              | 2001:db8:1::5 | true",
        "2001:db8::/32              | 10.0.0.1      | false",
        "10.0.0.0/8                 | ::1           | false",
    })
    void matching(String list, String address, boolean matches) throws Exception {
        assertThat(AddressList.parse(list).matches(InetAddress.getByName(address))).isEqualTo(matches);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {
        "10.0.0.0/0",        // fwknopd: Invalid IP mask str '0'
        "10.0.0.0/33",
        "10.0.0.0/",         // Missing mask value
        "10.0.0.0/25500",    // 4-6 character mask: Invalid IP mask str
        "ANY ",              // strcasecmp("ANY ") fails, then inet_aton fails
        "1.2.3.4.5",
        "host.example.com",
        "1.2.3.4,",
        "111.111.111.111/255.255.255.255 ", // 32 characters: over ACCESS_BUF_LEN (fwknopd: Fatal invalid SOURCE)
        "2001:db8::/0",
    })
    void refused(String list) {
        assertThatThrownBy(() -> AddressList.parse(list)).isInstanceOf(IllegalArgumentException.class);
    }
}
