<#--
  nftables base policy (idempotent; re-running it keeps open grants, which live in the sets):
    table inet <table>
      set allow4 { ipv4_addr . inet_proto . inet_service, flags timeout }   granted src . proto . port
      set allow6 { ipv6_addr . inet_proto . inet_service, flags timeout }
      chain input (hook input, priority filter - 1, policy accept):
        established/related and loopback accepted, set members accepted,
        tcp to the guarded ports dropped.
  Policy accept: only the guarded ports are closed, so provisioning cannot lock the host out.
  Variables: vars.table, vars.guard_tcp_ports (see vars.ftl).
-->
<#include "vars.ftl">
nft add table inet ${table}
nft add set inet ${table} allow4 { type ipv4_addr . inet_proto . inet_service ; flags timeout ; }
nft add set inet ${table} allow6 { type ipv6_addr . inet_proto . inet_service ; flags timeout ; }
nft add chain inet ${table} input { type filter hook input priority filter - 1 ; policy accept ; }
nft flush chain inet ${table} input
nft add rule inet ${table} input ct state established,related accept
nft add rule inet ${table} input iif lo accept
nft add rule inet ${table} input ip saddr . meta l4proto . th dport @allow4 accept
nft add rule inet ${table} input ip6 saddr . meta l4proto . th dport @allow6 accept
<#if guardTcp != "none">
nft add rule inet ${table} input tcp dport { ${guardTcp} } drop
</#if>
