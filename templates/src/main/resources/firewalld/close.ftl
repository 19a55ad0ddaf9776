<#--
  firewalld close: removes exactly the rich rule open added. Idempotent: firewalld answers NOT_ENABLED
  with a warning (exit 0, or 12 = NOT_ENABLED on versions that fail) when it is already gone.
  Values: family, src, port, proto. Variables: vars.zone (see vars.ftl).
-->
<#include "vars.ftl">
@ok-exit=0,12 firewall-cmd --zone=${zone} --remove-rich-rule='rule family="${family}" source address="${src}" port port="${port}" protocol="${proto}" accept'
