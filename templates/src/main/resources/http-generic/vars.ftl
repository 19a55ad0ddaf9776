<#--
  Shared by the http-generic sections: device variables with their defaults.
    vars.id_prefix   prefix of the rule id the appliance stores, default "postern"; the id is
                     <id_prefix>-<ruleId> (e.g. postern-42) and also appears in the DELETE path, so it is
                     limited to letters, digits, "_" and "-".
-->
<#assign idPrefix = vars.id_prefix!"postern">
<#if !idPrefix?matches("[A-Za-z0-9_-]{1,32}")><#stop "vars.id_prefix: '${idPrefix}' (expected: 1-32 letters, digits, _ or -)"></#if>
