<#--
  Shared by the ipset sections: device variables with their defaults, validated.
    vars.set4             hash:ip,port set for IPv4 grants, default "postern4"
    vars.set6             hash:ip,port set (family inet6) for IPv6 grants, default "postern6"
    vars.chain            iptables chain matching the sets, default "POSTERN_IPSET"
    vars.default_timeout  the sets' default element timeout in seconds, default "30"
    vars.guard_tcp_ports  tcp ports dropped unless granted, e.g. "22" or "22,443,8000-8080"; "none" = no drop
-->
<#assign set4 = vars.set4!"postern4">
<#assign set6 = vars.set6!"postern6">
<#assign chain = vars.chain!"POSTERN_IPSET">
<#list [set4, set6, chain] as n>
<#if !n?matches("[A-Za-z][A-Za-z0-9_-]{0,27}")><#stop "ipset/chain name: '${n}' (expected: an identifier)"></#if>
</#list>
<#assign defaultTimeout = vars.default_timeout!"30">
<#if !defaultTimeout?matches("[1-9][0-9]{0,6}")><#stop "vars.default_timeout: '${defaultTimeout}' (expected: seconds)"></#if>
<#assign guardTcp = vars.guard_tcp_ports!"22">
<#if !guardTcp?matches("none|[0-9]{1,5}(-[0-9]{1,5})?(,[0-9]{1,5}(-[0-9]{1,5})?)*")><#stop "vars.guard_tcp_ports: '${guardTcp}' (expected: ports like 22,443,8000-8080 or none)"></#if>
