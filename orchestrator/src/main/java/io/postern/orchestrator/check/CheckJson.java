package io.postern.orchestrator.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postern.orchestrator.inventory.Device;
import io.postern.spa.ProtoPort;
import io.postern.spa.config.AccessStanza;
import java.util.List;

/**
 * {@code postern check --json}: one object with {@code ok}, {@code errors}, {@code warnings}, {@code stanzas},
 * {@code devices} and {@code probes} (null without {@code --probe}). Keys appear only as {@code "<masked>"}.
 */
public final class CheckJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckJson() {
    }

    /** The JSON text, one line. */
    public static String of(CheckResult r, List<Probe.Result> probes) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("ok", r.clean() && (probes == null || probes.stream().allMatch(Probe.Result::ok)));
        r.errors().forEach(root.putArray("errors")::add);
        r.warnings().forEach(root.putArray("warnings")::add);
        ArrayNode stanzas = root.putArray("stanzas");
        r.stanzas().forEach(s -> stanza(stanzas.addObject(), s));
        ArrayNode devices = root.putArray("devices");
        if (r.inventory() != null) {
            for (Device d : r.inventory().devices()) {
                device(devices.addObject(), d, r);
            }
        }
        if (probes == null) {
            root.putNull("probes");
        } else {
            ArrayNode arr = root.putArray("probes");
            for (Probe.Result p : probes) {
                ObjectNode n = arr.addObject();
                n.put("device", p.device());
                n.put("driver", p.driver());
                n.put("ok", p.ok());
                n.put("ms", p.millis());
                n.put("detail", p.detail());
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stanza(ObjectNode n, CheckResult.Stanza cs) {
        AccessStanza s = cs.stanza();
        n.put("number", cs.number());
        n.put("file", String.valueOf(s.file()));
        n.put("line", s.line());
        n.put("source", s.source().text().strip());
        n.put("require_source_address", s.requireSourceAddress());
        n.put("key", s.key() == null ? null : EffectiveConfig.MASK);
        n.put("hmac_key", s.hmacKey() == null ? null : EffectiveConfig.MASK);
        n.put("hmac_type", s.hmacType().configName());
        n.put("encryption_mode", s.encryptionMode().configName());
        s.openPorts().stream().map(ProtoPort::toString).forEach(n.putArray("open_ports")::add);
        n.put("fw_access_timeout", s.fwAccessTimeout());
        n.put("max_fw_timeout", s.maxFwTimeout());
        s.targets().forEach(n.putArray("targets")::add);
        cs.devices().stream().map(Device::name).forEach(n.putArray("devices")::add);
        n.put("rollout", cs.rollout() == null ? null : cs.rollout().toString());
    }

    private static void device(ObjectNode n, Device d, CheckResult r) {
        n.put("name", d.name());
        n.put("driver", d.driver());
        n.put("address", d.address());
        n.put("port", d.port());
        n.put("template", d.template());
        n.put("origin", d.origin().toString());
        n.put("targeted", r.targetedDevices().contains(d));
        ArrayNode renders = n.putArray("renders");
        for (CheckResult.Render x : r.renders()) {
            if (x.device().name().equals(d.name())) {
                ObjectNode o = renders.addObject();
                o.put("stanza", x.stanza() == 0 ? null : x.stanza());
                o.put("error", x.error());
                ObjectNode sections = o.putObject("sections");
                x.sections().forEach(s -> s.commands().forEach(sections.putArray(s.name())::add));
            }
        }
    }
}
