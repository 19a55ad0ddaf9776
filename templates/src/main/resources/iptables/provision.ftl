<#--
  iptables base policy, for iptables and ip6tables (idempotent; re-running it keeps open grants):
    <chain>         one ACCEPT rule per grant, never flushed here
    <guard_chain>   rebuilt: accept established/related, jump to <chain>, drop tcp to the guarded ports
    INPUT           first rule jumps to <guard_chain> (old jump removed first)
  Only the guarded ports are closed, so provisioning cannot lock the host out.
  Variables: vars.chain, vars.guard_chain, vars.guard_tcp_ports (see vars.ftl).
-->
<#include "vars.ftl">
<#list ["iptables", "ip6tables"] as ipt>
@ok-exit=0,1 ${ipt} -w -N ${chain}
@ok-exit=0,1 ${ipt} -w -N ${guardChain}
${ipt} -w -F ${guardChain}
${ipt} -w -A ${guardChain} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
${ipt} -w -A ${guardChain} -j ${chain}
<#if guardTcp != "none">
${ipt} -w -A ${guardChain} -p tcp -m multiport --dports ${guardTcp?replace("-", ":")} -j DROP
</#if>
@ok-exit=0,1 ${ipt} -w -D INPUT -j ${guardChain}
${ipt} -w -I INPUT 1 -j ${guardChain}
</#list>
