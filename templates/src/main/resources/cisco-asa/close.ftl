<#--
  cisco-asa close: removes the entry by its exact text ("no access-list ... extended permit ...").
  Values: src, proto, port. Variables: see vars.ftl.
-->
<#include "vars.ftl">
configure terminal
no access-list ${acl} extended permit ${proto} host ${src} ${dest} eq ${port}
end
