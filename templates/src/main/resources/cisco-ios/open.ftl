<#--
  cisco-ios open: adds one numbered entry to the named extended ACL
    <ruleId> permit <proto> host <src> <destination> eq <port>
  The sequence number is allocated by the ledger per device and entry, so the close removes exactly this
  entry ("no <ruleId>"), and grants that share the entry share the number. IPv4 only (IOS puts IPv6 in a
  separate "ipv6 access-list"; not shipped yet).
  Values: src, family, proto, port, ruleId. Variables: see vars.ftl.
-->
<#include "vars.ftl">
<#if family != "ipv4"><#stop "cisco-ios template: IPv4 sources only (got ${src})"></#if>
<#if ruleId == 0><#stop "cisco-ios needs a sequence number allocated by the ledger (ruleId is 0)"></#if>
configure terminal
ip access-list extended ${acl}
${ruleId} permit ${proto} host ${src} ${dest} eq ${port}
end
