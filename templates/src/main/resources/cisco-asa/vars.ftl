<#--
  Shared by the cisco-asa sections: device variables with their defaults, validated.
    vars.acl_name      extended access-list name, default "POSTERN"
    vars.destination   "any" (default) or an IPv4 address (becomes "host A")
  The ASA has no sequence numbers in extended ACLs: an entry is removed by its exact text.
-->
<#assign acl = vars.acl_name!"POSTERN">
<#if !acl?matches("[A-Za-z][A-Za-z0-9_-]{0,63}")><#stop "vars.acl_name: '${acl}' (expected: an access-list name)"></#if>
<#assign dest = vars.destination!"any">
<#if dest != "any">
  <#if !dest?matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")><#stop "vars.destination: '${dest}' (expected: any or an IPv4 address)"></#if>
  <#assign dest = "host " + dest>
</#if>
