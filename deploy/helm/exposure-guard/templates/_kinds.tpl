{{- /*
Generated from the kind registry (io.exposureguard.core.kinds.ResourceKinds) by `make kinds`; do not edit by hand.
A test (KindsChartTest) fails when this file is stale.
*/}}

{{- /* ClusterRole rules: list and watch every custom-resource kind the engine reads. */}}
{{- define "exposure-guard.kinds.watchRules" -}}
- apiGroups: [elasticsearch.k8s.elastic.co]
  resources: [elasticsearches]
  verbs: [list, watch]
- apiGroups: [kibana.k8s.elastic.co]
  resources: [kibanas]
  verbs: [list, watch]
- apiGroups: [opensearch.opster.io, opensearch.org]
  resources: [opensearchclusters]
  verbs: [list, watch]
- apiGroups: [kafka.strimzi.io]
  resources: [kafkas]
  verbs: [list, watch]
- apiGroups: [kafka.strimzi.io]
  resources: [kafkanodepools]
  verbs: [list, watch]
- apiGroups: [redis.redis.opstreelabs.in]
  resources: [redis]
  verbs: [list, watch]
- apiGroups: [redis.redis.opstreelabs.in]
  resources: [redisclusters]
  verbs: [list, watch]
- apiGroups: [redis.redis.opstreelabs.in]
  resources: [redisreplications]
  verbs: [list, watch]
- apiGroups: [redis.redis.opstreelabs.in]
  resources: [redissentinels]
  verbs: [list, watch]
- apiGroups: [postgresql.cnpg.io]
  resources: [clusters]
  verbs: [list, watch]
- apiGroups: [postgresql.cnpg.io]
  resources: [poolers]
  verbs: [list, watch]
- apiGroups: [mongodbcommunity.mongodb.com]
  resources: [mongodbcommunity]
  verbs: [list, watch]
- apiGroups: [acid.zalan.do]
  resources: [postgresqls]
  verbs: [list, watch]
- apiGroups: [postgres-operator.crunchydata.com]
  resources: [postgresclusters]
  verbs: [list, watch]
- apiGroups: [psmdb.percona.com]
  resources: [perconaservermongodbs]
  verbs: [list, watch]
- apiGroups: [k8s.mariadb.com, mariadb.mmontes.io]
  resources: [mariadbs]
  verbs: [list, watch]
- apiGroups: [rabbitmq.com]
  resources: [rabbitmqclusters]
  verbs: [list, watch]
- apiGroups: [pxc.percona.com]
  resources: [perconaxtradbclusters]
  verbs: [list, watch]
- apiGroups: [pgv2.percona.com]
  resources: [perconapgclusters]
  verbs: [list, watch]
- apiGroups: [clickhouse.altinity.com]
  resources: [clickhouseinstallations]
  verbs: [list, watch]
- apiGroups: [minio.min.io]
  resources: [tenants]
  verbs: [list, watch]
- apiGroups: [cassandra.datastax.com]
  resources: [cassandradatacenters]
  verbs: [list, watch]
- apiGroups: [k8ssandra.io]
  resources: [k8ssandraclusters]
  verbs: [list, watch]
- apiGroups: [traefik.io, traefik.containo.us]
  resources: [middlewares]
  verbs: [list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [gateways]
  verbs: [list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [listenersets]
  verbs: [list, watch]
- apiGroups: [gateway.networking.x-k8s.io]
  resources: [xlistenersets]
  verbs: [list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [httproutes]
  verbs: [list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [grpcroutes]
  verbs: [list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [tlsroutes]
  verbs: [list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [tcproutes]
  verbs: [list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [udproutes]
  verbs: [list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [referencegrants]
  verbs: [list, watch]
- apiGroups: [gateway.envoyproxy.io]
  resources: [securitypolicies]
  verbs: [list, watch]
- apiGroups: [networking.istio.io]
  resources: [gateways]
  verbs: [list, watch]
- apiGroups: [networking.istio.io]
  resources: [virtualservices]
  verbs: [list, watch]
- apiGroups: [security.istio.io]
  resources: [authorizationpolicies]
  verbs: [list, watch]
- apiGroups: [security.istio.io]
  resources: [requestauthentications]
  verbs: [list, watch]
- apiGroups: [traefik.io, traefik.containo.us]
  resources: [ingressroutes]
  verbs: [list, watch]
- apiGroups: [traefik.io, traefik.containo.us]
  resources: [ingressroutetcps]
  verbs: [list, watch]
- apiGroups: [traefik.io, traefik.containo.us]
  resources: [traefikservices]
  verbs: [list, watch]
- apiGroups: [traefik.io, traefik.containo.us]
  resources: [middlewaretcps]
  verbs: [list, watch]
- apiGroups: [projectcontour.io]
  resources: [httpproxies]
  verbs: [list, watch]
- apiGroups: [route.openshift.io]
  resources: [routes]
  verbs: [list, watch]
- apiGroups: [operator.openshift.io]
  resources: [ingresscontrollers]
  verbs: [list, watch]
{{- end }}

{{- /* The CRDs whose presence the operator checks (get, by name). */}}
{{- define "exposure-guard.kinds.crdNames" -}}
- elasticsearches.elasticsearch.k8s.elastic.co
- kibanas.kibana.k8s.elastic.co
- opensearchclusters.opensearch.opster.io
- opensearchclusters.opensearch.org
- kafkas.kafka.strimzi.io
- kafkanodepools.kafka.strimzi.io
- redis.redis.redis.opstreelabs.in
- redisclusters.redis.redis.opstreelabs.in
- redisreplications.redis.redis.opstreelabs.in
- redissentinels.redis.redis.opstreelabs.in
- clusters.postgresql.cnpg.io
- poolers.postgresql.cnpg.io
- mongodbcommunity.mongodbcommunity.mongodb.com
- postgresqls.acid.zalan.do
- postgresclusters.postgres-operator.crunchydata.com
- perconaservermongodbs.psmdb.percona.com
- mariadbs.k8s.mariadb.com
- mariadbs.mariadb.mmontes.io
- rabbitmqclusters.rabbitmq.com
- perconaxtradbclusters.pxc.percona.com
- perconapgclusters.pgv2.percona.com
- clickhouseinstallations.clickhouse.altinity.com
- tenants.minio.min.io
- cassandradatacenters.cassandra.datastax.com
- k8ssandraclusters.k8ssandra.io
- middlewares.traefik.io
- middlewares.traefik.containo.us
- gateways.gateway.networking.k8s.io
- listenersets.gateway.networking.k8s.io
- xlistenersets.gateway.networking.x-k8s.io
- httproutes.gateway.networking.k8s.io
- grpcroutes.gateway.networking.k8s.io
- tlsroutes.gateway.networking.k8s.io
- tcproutes.gateway.networking.k8s.io
- udproutes.gateway.networking.k8s.io
- referencegrants.gateway.networking.k8s.io
- securitypolicies.gateway.envoyproxy.io
- gateways.networking.istio.io
- virtualservices.networking.istio.io
- authorizationpolicies.security.istio.io
- requestauthentications.security.istio.io
- ingressroutes.traefik.io
- ingressroutes.traefik.containo.us
- ingressroutetcps.traefik.io
- ingressroutetcps.traefik.containo.us
- traefikservices.traefik.io
- traefikservices.traefik.containo.us
- middlewaretcps.traefik.io
- middlewaretcps.traefik.containo.us
- httpproxies.projectcontour.io
- routes.route.openshift.io
- ingresscontrollers.operator.openshift.io
{{- end }}

{{- /* ClusterRole rules for remediation: patch the kinds whose own settings are fixed. */}}
{{- define "exposure-guard.kinds.patchRules" -}}
- apiGroups: [elasticsearch.k8s.elastic.co]
  resources: [elasticsearches]
  verbs: [patch]
- apiGroups: [kibana.k8s.elastic.co]
  resources: [kibanas]
  verbs: [patch]
- apiGroups: [kafka.strimzi.io]
  resources: [kafkas]
  verbs: [patch]
- apiGroups: [postgresql.cnpg.io]
  resources: [clusters]
  verbs: [patch]
- apiGroups: [acid.zalan.do]
  resources: [postgresqls]
  verbs: [patch]
- apiGroups: [postgres-operator.crunchydata.com]
  resources: [postgresclusters]
  verbs: [patch]
- apiGroups: [psmdb.percona.com]
  resources: [perconaservermongodbs]
  verbs: [patch]
- apiGroups: [pgv2.percona.com]
  resources: [perconapgclusters]
  verbs: [patch]
- apiGroups: [clickhouse.altinity.com]
  resources: [clickhouseinstallations]
  verbs: [patch]
- apiGroups: [cassandra.datastax.com]
  resources: [cassandradatacenters]
  verbs: [patch]
- apiGroups: [k8ssandra.io]
  resources: [k8ssandraclusters]
  verbs: [patch]
{{- end }}

{{- /* Validating webhook rules: every kind the engine reads. */}}
{{- define "exposure-guard.kinds.validatingRules" -}}
- {apiGroups: [elasticsearch.k8s.elastic.co], apiVersions: [v1], resources: [elasticsearches], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [kibana.k8s.elastic.co], apiVersions: [v1], resources: [kibanas], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [opensearch.opster.io, opensearch.org], apiVersions: [v1], resources: [opensearchclusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [kafka.strimzi.io], apiVersions: [v1, v1beta2], resources: [kafkas], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [kafka.strimzi.io], apiVersions: [v1, v1beta2], resources: [kafkanodepools], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [redis.redis.opstreelabs.in], apiVersions: [v1beta2, v1beta1], resources: [redis], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [redis.redis.opstreelabs.in], apiVersions: [v1beta2, v1beta1], resources: [redisclusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [redis.redis.opstreelabs.in], apiVersions: [v1beta2, v1beta1], resources: [redisreplications], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [redis.redis.opstreelabs.in], apiVersions: [v1beta2, v1beta1], resources: [redissentinels], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [postgresql.cnpg.io], apiVersions: [v1], resources: [clusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [postgresql.cnpg.io], apiVersions: [v1], resources: [poolers], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [mongodbcommunity.mongodb.com], apiVersions: [v1], resources: [mongodbcommunity], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [acid.zalan.do], apiVersions: [v1], resources: [postgresqls], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [postgres-operator.crunchydata.com], apiVersions: [v1beta1, v1], resources: [postgresclusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [psmdb.percona.com], apiVersions: [v1], resources: [perconaservermongodbs], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [k8s.mariadb.com, mariadb.mmontes.io], apiVersions: [v1alpha1], resources: [mariadbs], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [rabbitmq.com], apiVersions: [v1beta1], resources: [rabbitmqclusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [pxc.percona.com], apiVersions: [v1, v1-11-0, v1-10-0], resources: [perconaxtradbclusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [pgv2.percona.com], apiVersions: [v2], resources: [perconapgclusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [clickhouse.altinity.com], apiVersions: [v1], resources: [clickhouseinstallations], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [minio.min.io], apiVersions: [v2], resources: [tenants], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [cassandra.datastax.com], apiVersions: [v1beta1], resources: [cassandradatacenters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [k8ssandra.io], apiVersions: [v1alpha1], resources: [k8ssandraclusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [traefik.io, traefik.containo.us], apiVersions: [v1alpha1], resources: [middlewares], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [gateway.networking.k8s.io], apiVersions: [v1, v1beta1, v1alpha2], resources: [gateways], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [gateway.networking.k8s.io], apiVersions: [v1], resources: [listenersets], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [gateway.networking.x-k8s.io], apiVersions: [v1alpha1], resources: [xlistenersets], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [gateway.networking.k8s.io], apiVersions: [v1, v1beta1], resources: [httproutes], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [gateway.networking.k8s.io], apiVersions: [v1, v1alpha2], resources: [grpcroutes], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [gateway.networking.k8s.io], apiVersions: [v1alpha2, v1alpha3, v1], resources: [tlsroutes], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [gateway.networking.k8s.io], apiVersions: [v1alpha2, v1], resources: [tcproutes], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [gateway.networking.k8s.io], apiVersions: [v1alpha2, v1], resources: [udproutes], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [gateway.networking.k8s.io], apiVersions: [v1beta1, v1alpha2, v1], resources: [referencegrants], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [gateway.envoyproxy.io], apiVersions: [v1alpha1], resources: [securitypolicies], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [networking.istio.io], apiVersions: [v1, v1beta1, v1alpha3], resources: [gateways], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [networking.istio.io], apiVersions: [v1, v1beta1, v1alpha3], resources: [virtualservices], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [security.istio.io], apiVersions: [v1, v1beta1], resources: [authorizationpolicies], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [security.istio.io], apiVersions: [v1, v1beta1], resources: [requestauthentications], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [traefik.io, traefik.containo.us], apiVersions: [v1alpha1], resources: [ingressroutes], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [traefik.io, traefik.containo.us], apiVersions: [v1alpha1], resources: [ingressroutetcps], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [traefik.io, traefik.containo.us], apiVersions: [v1alpha1], resources: [traefikservices], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [traefik.io, traefik.containo.us], apiVersions: [v1alpha1], resources: [middlewaretcps], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [projectcontour.io], apiVersions: [v1], resources: [httpproxies], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [route.openshift.io], apiVersions: [v1], resources: [routes], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [operator.openshift.io], apiVersions: [v1], resources: [ingresscontrollers], operations: [CREATE, UPDATE], scope: Namespaced}
{{- end }}

{{- /* Mutating webhook rules: the kinds whose own settings are fixed. */}}
{{- define "exposure-guard.kinds.mutatingRules" -}}
- {apiGroups: [elasticsearch.k8s.elastic.co], apiVersions: [v1], resources: [elasticsearches], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [kibana.k8s.elastic.co], apiVersions: [v1], resources: [kibanas], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [kafka.strimzi.io], apiVersions: [v1, v1beta2], resources: [kafkas], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [postgresql.cnpg.io], apiVersions: [v1], resources: [clusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [acid.zalan.do], apiVersions: [v1], resources: [postgresqls], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [postgres-operator.crunchydata.com], apiVersions: [v1beta1, v1], resources: [postgresclusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [psmdb.percona.com], apiVersions: [v1], resources: [perconaservermongodbs], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [pgv2.percona.com], apiVersions: [v2], resources: [perconapgclusters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [clickhouse.altinity.com], apiVersions: [v1], resources: [clickhouseinstallations], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [cassandra.datastax.com], apiVersions: [v1beta1], resources: [cassandradatacenters], operations: [CREATE, UPDATE], scope: Namespaced}
- {apiGroups: [k8ssandra.io], apiVersions: [v1alpha1], resources: [k8ssandraclusters], operations: [CREATE, UPDATE], scope: Namespaced}
{{- end }}
