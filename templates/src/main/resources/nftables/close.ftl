<#--
  nftables close: deletes exactly the element  src . proto . port. Idempotent: the delete runs in one
  transaction after an add, so an element that already expired (or was never added) is not an error.
  Values: src, family, proto, port. Variables: vars.table (see vars.ftl).
-->
<#include "vars.ftl">
<#assign set = (family == "ipv6")?then("allow6", "allow4")>
nft add element inet ${table} ${set} { ${src} . ${proto} . ${port} timeout 1s } ; delete element inet ${table} ${set} { ${src} . ${proto} . ${port} }
