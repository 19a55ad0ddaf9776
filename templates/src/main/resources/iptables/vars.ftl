<#--
  Shared by the iptables sections: device variables with their defaults, validated.
    vars.chain            chain holding one ACCEPT rule per grant, default "POSTERN"
    vars.guard_chain      chain jumped to from INPUT (established, grants, guard drop), default "POSTERN_GUARD"
    vars.guard_tcp_ports  tcp ports dropped unless granted, e.g. "22" or "22,443,8000-8080"; "none" = no drop
-->
<#assign chain = vars.chain!"POSTERN">
<#assign guardChain = vars.guard_chain!"POSTERN_GUARD">
<#list [chain, guardChain] as c>
<#if !c?matches("[A-Za-z][A-Za-z0-9_-]{0,27}")><#stop "iptables chain: '${c}' (expected: a chain name)"></#if>
</#list>
<#assign guardTcp = vars.guard_tcp_ports!"22">
<#if !guardTcp?matches("none|[0-9]{1,5}(-[0-9]{1,5})?(,[0-9]{1,5}(-[0-9]{1,5})?)*")><#stop "vars.guard_tcp_ports: '${guardTcp}' (expected: ports like 22,443,8000-8080 or none)"></#if>
