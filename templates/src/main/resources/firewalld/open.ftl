<#--
  firewalld open: a runtime rich rule with --timeout, so firewalld removes it by itself (safety net):
    rule family="<family>" source address="<src>" port port="<port>" protocol="<proto>" accept
  The rule is removed first (firewalld only warns when it is absent), so a re-knock restarts its timeout.
  Values: family, src, port, proto, timeout. Variables: vars.zone (see vars.ftl).
  Not tested against a running firewalld by Postern's test suite (rendering only).
-->
<#include "vars.ftl">
@ok-exit=0,12 firewall-cmd --zone=${zone} --remove-rich-rule='rule family="${family}" source address="${src}" port port="${port}" protocol="${proto}" accept'
firewall-cmd --zone=${zone} --add-rich-rule='rule family="${family}" source address="${src}" port port="${port}" protocol="${proto}" accept' --timeout=${timeout}s
