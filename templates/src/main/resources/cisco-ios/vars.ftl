<#--
  Shared by the cisco-ios sections: device variables with their defaults, validated (an ACL name or a
  keyword never carries CLI syntax).
    vars.acl_name          named extended ACL that holds the grants, default "POSTERN"
    vars.destination       what the entry permits to: "any" (default) or an IPv4 address (becomes "host A")
    vars.interface         interface the ACL is applied to by provision, e.g. "GigabitEthernet0/0"; unset = not applied
    vars.guard_tcp_port    tcp port denied by provision unless granted, default "22"
  Sequence numbers: grants use the ledger-allocated ruleId (1000 and up); provision's deny and permit sit at
  2000000000 and 2000000010, after every grant.
-->
<#assign acl = vars.acl_name!"POSTERN">
<#if !acl?matches("[A-Za-z][A-Za-z0-9_-]{0,63}")><#stop "vars.acl_name: '${acl}' (expected: an ACL name)"></#if>
<#assign dest = vars.destination!"any">
<#if dest != "any">
  <#if !dest?matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")><#stop "vars.destination: '${dest}' (expected: any or an IPv4 address)"></#if>
  <#assign dest = "host " + dest>
</#if>
<#assign guardPort = vars.guard_tcp_port!"22">
<#if !guardPort?matches("[0-9]{1,5}")><#stop "vars.guard_tcp_port: '${guardPort}' (expected: a port number)"></#if>
<#assign iface = vars.interface!"">
<#if iface != "" && !iface?matches("[A-Za-z][A-Za-z0-9/.:-]{0,63}")><#stop "vars.interface: '${iface}' (expected: an interface name)"></#if>
