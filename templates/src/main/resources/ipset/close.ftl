<#--
  ipset close: deletes exactly the element  <src>,<proto>:<port>. Idempotent through -exist (an element
  that already timed out is not an error).
  Values: src, family, proto, port. Variables: vars.set4, vars.set6 (see vars.ftl).
-->
<#include "vars.ftl">
<#assign set = (family == "ipv6")?then(set6, set4)>
ipset del ${set} ${src},${proto}:${port} -exist
