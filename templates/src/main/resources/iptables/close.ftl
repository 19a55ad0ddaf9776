<#--
  iptables close: deletes exactly the rule open inserted (-D with the same spec, comment postern:<ruleId>).
  Idempotent: exit code 1 ("Bad rule (does a matching rule exist in that chain?)") counts as success.
  Values: src, family, proto, port, ruleId. Variables: vars.chain (see vars.ftl).
-->
<#include "vars.ftl">
<#if ruleId == 0><#stop "iptables needs a rule id allocated by the ledger (ruleId is 0)"></#if>
<#assign ipt = (family == "ipv6")?then("ip6tables", "iptables")>
@ok-exit=0,1 ${ipt} -w -D ${chain} -s ${src} -p ${proto} --dport ${port} -m comment --comment postern:${ruleId} -j ACCEPT
