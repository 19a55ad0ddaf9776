<#--
  Shared by the nftables sections: device variables with their defaults, validated because nft parses
  its arguments again (an identifier is never allowed to carry nft syntax).
    vars.table            nft table (family inet), default "postern"
    vars.guard_tcp_ports  tcp ports dropped unless granted, e.g. "22" or "22,443,8000-8080"; "none" = no drop
-->
<#assign table = vars.table!"postern">
<#if !table?matches("[A-Za-z][A-Za-z0-9_]{0,31}")><#stop "vars.table: '${table}' (expected: an identifier)"></#if>
<#assign guardTcp = vars.guard_tcp_ports!"22">
<#if !guardTcp?matches("none|[0-9]{1,5}(-[0-9]{1,5})?(,[0-9]{1,5}(-[0-9]{1,5})?)*")><#stop "vars.guard_tcp_ports: '${guardTcp}' (expected: ports like 22,443,8000-8080 or none)"></#if>
