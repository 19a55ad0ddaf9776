<#--
  ipset open: adds  <src>,<proto>:<port>  to set4/set6 with "timeout <timeout>", so the kernel removes it by
  itself even if Postern never closes it (safety net). -exist: a re-knock refreshes the timeout.
  Values: src, family, proto, port, timeout. Variables: vars.set4, vars.set6 (see vars.ftl).
-->
<#include "vars.ftl">
<#assign set = (family == "ipv6")?then(set6, set4)>
ipset add ${set} ${src},${proto}:${port} timeout ${timeout} -exist
