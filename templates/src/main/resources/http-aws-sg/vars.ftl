<#--
  Shared by the http-aws-sg sections: device variables with their defaults.
    vars.group_id            the security group, e.g. sg-0123456789abcdef0 (required)
    vars.description_prefix  start of the rule description, default "postern"; the description is
                             "<prefix> rule <ruleId> stanza <stanza>" so that a rule can be traced to its grant
-->
<#if !(vars.group_id??)><#stop "vars.group_id: missing (expected: a security group id like sg-0123456789abcdef0)"></#if>
<#assign groupId = vars.group_id>
<#if !groupId?matches("sg-[0-9a-f]{8,17}")><#stop "vars.group_id: '${groupId}' (expected: sg- and 8 to 17 hex digits)"></#if>
<#assign descPrefix = vars.description_prefix!"postern">
<#if !descPrefix?matches("[A-Za-z0-9 ._:/()#,@+=&;!*-]{1,64}")><#stop "vars.description_prefix: '${descPrefix}' (expected: up to 64 characters AWS allows in a description)"></#if>
