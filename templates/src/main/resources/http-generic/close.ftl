<#--
  http-generic close: deletes the rule that open created.
    DELETE <base_url>/api/v1/rules/postern-42
  Idempotent: 404 (no such rule: already closed, expired on the appliance, never created) counts as success.
  Values: ruleId (must be allocated: not 0). Variables: vars.id_prefix (vars.ftl).
-->
<#include "vars.ftl">
<#if ruleId == 0><#stop "rule id: the ledger must allocate one (ruleId is 0)"></#if>
@ok-exit=404 DELETE /api/v1/rules/${idPrefix}-${ruleId}
