<#--
  iptables open: inserts at the top of <chain>
    -s <src> -p <proto> --dport <port> -m comment --comment postern:<ruleId> -j ACCEPT
  (ip6tables for IPv6). The same rule is deleted first (absent is fine), so a re-knock never duplicates it.
  iptables cannot expire a rule itself: Postern's close is the only way it goes.
  Values: src, family, proto, port, ruleId (must be allocated, non-zero). Variables: vars.chain (see vars.ftl).
-->
<#include "vars.ftl">
<#if ruleId == 0><#stop "iptables needs a rule id allocated by the ledger (ruleId is 0)"></#if>
<#assign ipt = (family == "ipv6")?then("ip6tables", "iptables")>
@ok-exit=0,1 ${ipt} -w -D ${chain} -s ${src} -p ${proto} --dport ${port} -m comment --comment postern:${ruleId} -j ACCEPT
${ipt} -w -I ${chain} 1 -s ${src} -p ${proto} --dport ${port} -m comment --comment postern:${ruleId} -j ACCEPT
