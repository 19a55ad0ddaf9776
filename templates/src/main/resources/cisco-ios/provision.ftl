<#--
  cisco-ios provision: the base policy. Creates the named ACL with a deny for the guarded port and a
  permit for everything else after every grant's entry, and applies it inbound on vars.interface when set.
  Re-running it changes nothing (same sequence numbers).
-->
<#include "vars.ftl">
configure terminal
ip access-list extended ${acl}
2000000000 deny tcp any any eq ${guardPort}
2000000010 permit ip any any
exit
<#if iface != "">
interface ${iface}
ip access-group ${acl} in
exit
</#if>
end
