<#--
  cisco-asa open: inserts the permit at line 1 of the extended access-list (ASA ACLs have no sequence
  numbers; the entry text identifies it).
  Values: src, proto, port. Variables: see vars.ftl.
-->
<#include "vars.ftl">
<#if family != "ipv4"><#stop "cisco-asa template: IPv4 sources only (got ${src})"></#if>
configure terminal
access-list ${acl} line 1 extended permit ${proto} host ${src} ${dest} eq ${port}
end
