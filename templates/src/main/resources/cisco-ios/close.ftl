<#--
  cisco-ios close: removes the entry open added, by its sequence number. IOS accepts "no <seq>" for a
  sequence that is not there, so the close is idempotent.
  Values: ruleId. Variables: vars.acl_name.
-->
<#include "vars.ftl">
<#if ruleId == 0><#stop "cisco-ios needs a sequence number allocated by the ledger (ruleId is 0)"></#if>
configure terminal
ip access-list extended ${acl}
no ${ruleId}
end
