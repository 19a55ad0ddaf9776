package io.postern.spa.config;

import java.util.List;

/**
 * The result of reading an access.conf tree: the stanzas in the order fwknopd tries them, and what
 * fwknopd would have logged without stopping.
 *
 * @param stanzas  the stanzas, file order (included files where their {@code %include} is)
 * @param warnings unknown directives, dropped {@code %include_keys} stanzas, legacy key truncation...
 */
public record AccessConf(List<AccessStanza> stanzas, List<ConfigWarning> warnings) {

    public AccessConf {
        stanzas = List.copyOf(stanzas);
        warnings = List.copyOf(warnings);
    }
}
