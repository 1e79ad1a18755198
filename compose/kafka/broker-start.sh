#!/usr/bin/env bash
# Starts one node of the compose Kafka cluster (KRaft, broker and controller in one process) in the apache/kafka image.
#
# Every environment variable KAFKA_CFG_<NAME> becomes the server property <name>, by the apache/kafka image's own
# documented rule: "___" -> "-", "__" -> "_", "_" -> ".", lower case. Example:
#   KAFKA_CFG_LISTENER_NAME_CLIENT_SCRAM___SHA___512_SASL_JAAS_CONFIG -> listener.name.client.scram-sha-512.sasl.jaas.config
# We render the file ourselves instead of relying on the image's internal scripts because the first start must also
# format the storage with the bootstrap SCRAM credentials (KIP-900) of the inter-broker user `broker` and of the
# `admin` used by kafka-init: SCRAM users live in the cluster metadata, so without them no one could log in.
#
#   broker-start.sh                 format on first start (idempotent), then run the node
#   broker-start.sh --print-config  print the rendered server.properties and exit (the compose module's tests use it)
#
# Passwords are written into properties and JAAS strings: use [A-Za-z0-9] only (compose/.env.example says how).
set -euo pipefail

kafka_home=${KAFKA_HOME:-/opt/kafka}
config_dir=${PIPELINE_KAFKA_CONFIG_DIR:-$kafka_home/config/pipeline}

render() {
  local name key
  for name in $(compgen -e | LC_ALL=C sort); do
    [[ $name == KAFKA_CFG_* ]] || continue
    key=${name#KAFKA_CFG_}
    key=${key//___/-}
    key=${key//__/%}
    key=${key//_/.}
    key=${key//%/_}
    printf '%s=%s\n' "${key,,}" "${!name}"
  done
}

if [[ ${1:-} == --print-config ]]; then
  render
  exit 0
fi

: "${KAFKA_CLUSTER_ID:?KAFKA_CLUSTER_ID is required}"
: "${KAFKA_BROKER_PASSWORD:?KAFKA_BROKER_PASSWORD is required}"
: "${KAFKA_ADMIN_PASSWORD:?KAFKA_ADMIN_PASSWORD is required}"

mkdir -p "$config_dir"
umask 077
render > "$config_dir/server.properties"

# the client settings of broker-health.sh: this node's own inter-broker principal, on the client listener
cat > "$config_dir/health-client.properties" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="${KAFKA_BROKER_PASSWORD}";
request.timeout.ms=5000
PROPERTIES

# --ignore-formatted: a restart keeps its data; the SCRAM bootstrap only applies to a new cluster
"$kafka_home"/bin/kafka-storage.sh format --ignore-formatted \
  --config "$config_dir/server.properties" \
  --cluster-id "$KAFKA_CLUSTER_ID" \
  --add-scram "SCRAM-SHA-512=[name=broker,password=${KAFKA_BROKER_PASSWORD}]" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=${KAFKA_ADMIN_PASSWORD}]"

exec "$kafka_home"/bin/kafka-server-start.sh "$config_dir/server.properties"
