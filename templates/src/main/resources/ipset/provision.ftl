<#--
  ipset base policy, the classic fwknop CMD_CYCLE setup (idempotent; re-running it keeps open grants):
    ipset <set4> hash:ip,port family inet  timeout <default_timeout>
    ipset <set6> hash:ip,port family inet6 timeout <default_timeout>
    iptables/ip6tables chain <chain>: accept established/related, accept members of the set (src,dst),
    drop tcp to the guarded ports; INPUT's first rule jumps to it.
  Variables: vars.set4, vars.set6, vars.chain, vars.default_timeout, vars.guard_tcp_ports (see vars.ftl).
-->
<#include "vars.ftl">
ipset create ${set4} hash:ip,port family inet timeout ${defaultTimeout} -exist
ipset create ${set6} hash:ip,port family inet6 timeout ${defaultTimeout} -exist
<#list [["iptables", set4], ["ip6tables", set6]] as p>
<#assign ipt = p[0]>
<#assign set = p[1]>
@ok-exit=0,1 ${ipt} -w -N ${chain}
${ipt} -w -F ${chain}
${ipt} -w -A ${chain} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
${ipt} -w -A ${chain} -m set --match-set ${set} src,dst -j ACCEPT
<#if guardTcp != "none">
${ipt} -w -A ${chain} -p tcp -m multiport --dports ${guardTcp?replace("-", ":")} -j DROP
</#if>
@ok-exit=0,1 ${ipt} -w -D INPUT -j ${chain}
${ipt} -w -I INPUT 1 -j ${chain}
</#list>
