<#--
  http-generic open: creates one rule on a generic appliance REST API.
    POST <base_url>/api/v1/rules
    {"id":"postern-42","source":"192.0.2.7","protocol":"tcp","port":22,"expires_at":1700000030}
  Success: the device's success_status (default 2xx).
  Values: src, proto, port, expiresAt, ruleId (must be allocated: not 0). Variables: vars.id_prefix (vars.ftl).
  Line syntax (one request per line, see io.postern.device.http.HttpRequestSpec):
    METHOD /path  name=string  name:=number-or-literal  name==query  Header:value  --expect-json=$.a=v
  Every value is JSON-escaped by the driver and stays inside its own item.
-->
<#include "vars.ftl">
<#if ruleId == 0><#stop "rule id: the ledger must allocate one (ruleId is 0)"></#if>
POST /api/v1/rules id=${idPrefix}-${ruleId} source=${src} protocol=${proto} port:=${port} expires_at:=${expiresAt}
