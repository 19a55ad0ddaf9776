<#--
  firewalld base policy: firewalld itself is the policy. This only checks that firewalld is running.
  The guarded service (e.g. ssh) must NOT be allowed permanently in the zone; Postern does not remove it,
  so that provisioning can never lock you out:  firewall-cmd --permanent --zone=Z --remove-service=ssh
  Variables: vars.zone (see vars.ftl).
-->
<#include "vars.ftl">
firewall-cmd --state
firewall-cmd --zone=${zone} --list-all
