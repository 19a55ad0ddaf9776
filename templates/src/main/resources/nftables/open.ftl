<#--
  nftables open: puts the element  src . proto . port  into allow4/allow6 with "timeout <timeout>s", so the
  kernel removes it by itself even if Postern never closes it (safety net). One nft transaction: add (no-op
  if present), delete, add again -- a re-knock therefore refreshes the element's timeout.
  Values: src, family, proto, port, timeout. Variables: vars.table (see vars.ftl).
-->
<#include "vars.ftl">
<#assign set = (family == "ipv6")?then("allow6", "allow4")>
nft add element inet ${table} ${set} { ${src} . ${proto} . ${port} timeout 1s } ; delete element inet ${table} ${set} { ${src} . ${proto} . ${port} } ; add element inet ${table} ${set} { ${src} . ${proto} . ${port} timeout ${timeout}s }
