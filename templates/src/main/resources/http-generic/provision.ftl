<#--
  http-generic base policy: sets the appliance's default action for traffic no rule allows.
    PUT <base_url>/api/v1/policy   {"default_action":"deny"}
  Idempotent (PUT). Variables: vars.default_action, "deny" (default) or "allow".
-->
<#assign defaultAction = vars.default_action!"deny">
<#if !defaultAction?matches("deny|allow")><#stop "vars.default_action: '${defaultAction}' (expected: deny or allow)"></#if>
PUT /api/v1/policy default_action=${defaultAction}
