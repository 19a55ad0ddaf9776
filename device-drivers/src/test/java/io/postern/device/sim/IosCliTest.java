package io.postern.device.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The interpreter alone, without SSH: modes, prompts, ACE forms and IOS error answers. */
class IosCliTest {

    private final IosDeviceState state = new IosDeviceState();
    private final SimulatedFaults faults = new SimulatedFaults();
    private IosCli cli;

    @BeforeEach
    void privilegedInAcl() {
        cli = new IosCli("R1", "s3cret".toCharArray(), state, faults);
        assertThat(cli.prompt()).isEqualTo("R1>");
        cli.handle("enable");
        assertThat(cli.prompt()).isEqualTo("Password: ");
        cli.handle("s3cret");
        assertThat(cli.prompt()).isEqualTo("R1#");
        cli.handle("conf t");
        assertThat(cli.prompt()).isEqualTo("R1(config)#");
        cli.handle("ip access-list extended POSTERN");
        assertThat(cli.prompt()).isEqualTo("R1(config-ext-nacl)#");
    }

    @Test
    void wrongEnableSecretThreeTimesIsBadSecrets() {
        IosCli fresh = new IosCli("R1", "s3cret".toCharArray(), state, faults);
        fresh.handle("enable");
        assertThat(fresh.handle("nope").text()).isEmpty();
        assertThat(fresh.prompt()).isEqualTo("Password: ");
        fresh.handle("nope");
        assertThat(fresh.handle("nope").text()).contains("% Bad secrets");
        assertThat(fresh.prompt()).isEqualTo("R1>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "permit tcp host 198.18.0.2 any eq 22 | 10 permit tcp host 198.18.0.2 any eq 22",
        "deny udp any host 10.0.0.1 eq 53 | 10 deny udp any host 10.0.0.1 eq 53",
        "permit ip 10.1.2.3 0.0.0.255 any | 10 permit ip 10.1.2.0 0.0.0.255 any",
        "permit ip 10.1.2.3 0.0.0.0 any | 10 permit ip host 10.1.2.3 any",
        "permit ip 0.0.0.0 255.255.255.255 any | 10 permit ip any any",
        "permit tcp host 1.2.3.4 eq 1024 any eq 443 | 10 permit tcp host 1.2.3.4 eq 1024 any eq 443",
        "perm tcp h 198.18.0.2 an eq 22 | 10 permit tcp host 198.18.0.2 any eq 22",
        "40 permit tcp any any eq 0 | 40 permit tcp any any eq 0",
    })
    void acceptsEntryForms(String typed, String shown) {
        assertThat(cli.handle(typed).text()).isEmpty();
        assertThat(state.entries("POSTERN")).containsExactly(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // typed | column of the caret within the typed line
        "permit tcp host 198.18.0.300 any | 16",
        "permit tcp host 198.18.0.2 any eq 65536 | 34",
        "permit ip host 198.18.0.2 any eq 22 | 30",
        "permit icmp any any | 7",
        "permit tcp any any eq ssh | 22",
        "permit tcp any any log | 19",
        "bogus | 0",
        "no 99999999999 | 3",
    })
    void invalidInputPointsAtTheBadWord(String typed, int column) {
        String answer = cli.handle(typed).text();
        String marker = " ".repeat("R1(config-ext-nacl)#".length() + column) + "^\n";
        assertThat(answer).startsWith(marker).contains("% Invalid input detected at '^' marker.");
        assertThat(state.entries("POSTERN")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"permit", "permit tcp", "permit tcp host", "permit tcp any", "permit tcp 10.0.0.0", "permit tcp any any eq",
        "no"})
    void truncatedIsIncomplete(String typed) {
        assertThat(cli.handle(typed).text()).isEqualTo("% Incomplete command.\n\n");
    }

    @Test
    void numberedUnnumberedAndRemoval() {
        cli.handle("20 permit tcp host 198.18.0.2 any eq 22");
        cli.handle("permit tcp host 198.18.0.3 any eq 22");
        cli.handle("5 deny ip any any");
        assertThat(cli.handle("30 permit udp any any").text()).contains("% Duplicate sequence number");
        assertThat(state.entries("POSTERN")).containsExactly("5 deny ip any any",
                "20 permit tcp host 198.18.0.2 any eq 22", "30 permit tcp host 198.18.0.3 any eq 22");
        cli.handle("permit tcp host 198.18.0.2 any eq 22");
        assertThat(state.entries("POSTERN")).hasSize(3);
        cli.handle("no 20");
        cli.handle("no permit tcp host 198.18.0.3 any eq 22");
        cli.handle("no 77");
        assertThat(state.entries("POSTERN")).containsExactly("5 deny ip any any");
    }

    @Test
    void modesAndShowOutput() {
        cli.handle("10 permit tcp host 198.18.0.2 any eq 22");
        assertThat(cli.handle("do show access-lists POSTERN").text())
                .isEqualTo("Extended IP access list POSTERN\n    10 permit tcp host 198.18.0.2 any eq 22\n");
        cli.handle("exit");
        assertThat(cli.prompt()).isEqualTo("R1(config)#");
        cli.handle("end");
        assertThat(cli.prompt()).isEqualTo("R1#");
        assertThat(cli.handle("show running-config").text()).contains("hostname R1\n", "ip access-list extended POSTERN\n",
                " permit tcp host 198.18.0.2 any eq 22\n");
        assertThat(cli.handle("write memory").text()).contains("[OK]");
        assertThat(cli.handle("e").text()).startsWith("% Ambiguous command:  \"e\"");
        cli.handle("disable");
        assertThat(cli.prompt()).isEqualTo("R1>");
        assertThat(cli.handle("configure terminal").text()).startsWith("   ^\n% Invalid input");
        assertThat(cli.handle("exit").logout()).isTrue();
    }

    @Test
    void faultsChangePromptAndFailConfigCommands() {
        faults.failConfigCommands(true);
        assertThat(cli.handle("permit ip any any").text()).contains("% Invalid input");
        assertThat(cli.handle("end").text()).isEmpty();
        faults.overridePrompt("weird$ ");
        assertThat(cli.prompt()).isEqualTo("weird$ ");
        faults.reset();
        assertThat(cli.prompt()).isEqualTo("R1#");
    }
}
