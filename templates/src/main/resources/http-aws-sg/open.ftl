<#--
  http-aws-sg open: an AWS-style security-group ingress authorization for the grant's source.
    POST <base_url>/AuthorizeSecurityGroupIngress
    {"GroupId":"sg-...","IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIp":"192.0.2.7/32",
     "Description":"postern rule 42 stanza 1"}            (IPv6: "CidrIpv6":"2001:db8::7/128")
  Success: success_status (default 2xx) and a JSON answer with "Return": true.

  READ THIS: real AWS EC2 does not accept this request as is. EC2 wants every call signed with AWS
  Signature Version 4 (and speaks the EC2 Query API). This template does no signing and holds no AWS
  credentials: point base_url at a signing proxy or an API gateway in front of EC2 that authenticates
  Postern (token_env / token_file), signs with its own IAM role, translates the call and answers
  {"Return": true}. Without such a proxy, this template will not work against AWS.

  Values: src, family, proto, port, ruleId, stanza. Variables: vars.group_id, vars.description_prefix (vars.ftl).
-->
<#include "vars.ftl">
<#if family == "ipv6">
POST /AuthorizeSecurityGroupIngress GroupId=${groupId} IpProtocol=${proto} FromPort:=${port} ToPort:=${port} CidrIpv6=${src}/128 "Description=${descPrefix} rule ${ruleId} stanza ${stanza}" --expect-json=$.Return=true
<#else>
POST /AuthorizeSecurityGroupIngress GroupId=${groupId} IpProtocol=${proto} FromPort:=${port} ToPort:=${port} CidrIp=${src}/32 "Description=${descPrefix} rule ${ruleId} stanza ${stanza}" --expect-json=$.Return=true
</#if>
