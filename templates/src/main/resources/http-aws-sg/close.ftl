<#--
  http-aws-sg close: revokes exactly the permission that open authorized (AWS matches a permission by
  group, protocol, ports and CIDR; the description is not part of the match).
    POST <base_url>/RevokeSecurityGroupIngress
    {"GroupId":"sg-...","IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIp":"192.0.2.7/32"}
  Idempotent: the signing proxy is expected to answer 404 when the permission does not exist (EC2's
  InvalidPermission.NotFound); 404 counts as already closed. Needs the same SigV4 signing proxy as open.ftl.
  Values: src, family, proto, port. Variables: vars.group_id (vars.ftl).
-->
<#include "vars.ftl">
<#if family == "ipv6">
@ok-exit=404 POST /RevokeSecurityGroupIngress GroupId=${groupId} IpProtocol=${proto} FromPort:=${port} ToPort:=${port} CidrIpv6=${src}/128 --expect-json=$.Return=true
<#else>
@ok-exit=404 POST /RevokeSecurityGroupIngress GroupId=${groupId} IpProtocol=${proto} FromPort:=${port} ToPort:=${port} CidrIp=${src}/32 --expect-json=$.Return=true
</#if>
