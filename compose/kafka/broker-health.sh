#!/usr/bin/env bash
# Healthy when this node answers an authenticated ApiVersions request on its client listener (port 9092) and lists
# itself. Uses the node's own inter-broker principal (written by broker-start.sh); no admin secret in the check.
set -euo pipefail
kafka_home=${KAFKA_HOME:-/opt/kafka}
config_dir=${PIPELINE_KAFKA_CONFIG_DIR:-$kafka_home/config/pipeline}
# the broker's KAFKA_HEAP_OPTS would give every check a 512 MB heap
export KAFKA_HEAP_OPTS="-Xmx96m"
versions=$("$kafka_home"/bin/kafka-broker-api-versions.sh --bootstrap-server "localhost:${PIPELINE_KAFKA_CLIENT_PORT:-9092}" \
  --command-config "$config_dir/health-client.properties")
grep -q "(id: ${KAFKA_CFG_NODE_ID:?} " <<<"$versions"
