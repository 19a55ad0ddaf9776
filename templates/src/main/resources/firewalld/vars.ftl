<#--
  Shared by the firewalld sections: device variables with their defaults, validated.
    vars.zone   firewalld zone the rich rules go to, default "public"
-->
<#assign zone = vars.zone!"public">
<#if !zone?matches("[A-Za-z][A-Za-z0-9_-]{0,16}")><#stop "vars.zone: '${zone}' (expected: a zone name)"></#if>
