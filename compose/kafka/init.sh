#!/usr/bin/env bash
# kafka-init: the one-shot provisioning of the compose Kafka cluster, run as the `admin` super user (bootstrapped by
# broker-start.sh). Idempotent: every `docker compose up` runs it again.
#   1. one SCRAM-SHA-512 user per service
#   2. the pipeline's topics, exactly io.picturepipeline.schemas.Topics.all(12): 12 partitions, replication factor 3,
#      min.insync.replicas 2, unclean leader election off; work topics keep 7 days, lifecycle and dead letters
#      forever, the dead-letter audit is compacted. An existing topic is left as it is.
#   3. ACLs: each principal gets only what it needs: the `acl` lines below are io.picturepipeline.schemas.Access, the
#      one definition the local secure stack applies too (the compose module's tests check these lines against it).
set -euo pipefail

BOOTSTRAP=${KAFKA_BOOTSTRAP:-kafka-1:9092,kafka-2:9092,kafka-3:9092}
KAFKA_BIN=${KAFKA_HOME:-/opt/kafka}/bin
TOPIC_PARTITIONS=12
TOPIC_REPLICATION_FACTOR=3
TOPIC_MIN_INSYNC_REPLICAS=2
WEEK_MS=604800000
FOREVER_MS=-1

admin_config=$(mktemp)
trap 'rm -f "$admin_config"' EXIT
cat > "$admin_config" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD:?}";
PROPERTIES
export KAFKA_HEAP_OPTS="-Xmx128m"

kafka() {
  local tool=$1
  shift
  "$KAFKA_BIN/$tool.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$admin_config" "$@"
}

# user <principal> <password>
user() {
  echo "» SCRAM user $1"
  kafka kafka-configs --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=${2:?password of $1 is empty}]" > /dev/null
}

# topic <name> <retention.ms> [compact]
topic() {
  local policy=${3:-delete}
  echo "» topic $1 (retention.ms=$2, cleanup.policy=$policy)"
  kafka kafka-topics --create --if-not-exists --topic "$1" \
    --partitions "$TOPIC_PARTITIONS" --replication-factor "$TOPIC_REPLICATION_FACTOR" \
    --config "retention.ms=$2" \
    --config "cleanup.policy=$policy" \
    --config "min.insync.replicas=$TOPIC_MIN_INSYNC_REPLICAS" \
    --config unclean.leader.election.enable=false 2>&1 | { grep -v 'limitations in metric names' || true; }
}

# acl <principal> <Operation[,Operation]> <topic|group|transactional-id|cluster> <literal|prefixed> <name[,name]>
acl() {
  local principal=$1 operations=$2 type=$3 pattern=$4 names=$5 args=() name operation
  IFS=',' read -r -a operation_list <<<"$operations"
  for operation in "${operation_list[@]}"; do args+=(--operation "$operation"); done
  if [[ $type == cluster ]]; then
    args+=(--cluster)
  else
    IFS=',' read -r -a name_list <<<"$names"
    for name in "${name_list[@]}"; do args+=("--$type" "$name"); done
  fi
  echo "» ACL User:$principal $operations $type $pattern $names"
  kafka kafka-acls --add --allow-principal "User:$principal" --resource-pattern-type "$pattern" "${args[@]}" > /dev/null
}

echo "» waiting for the cluster at $BOOTSTRAP"
for attempt in $(seq 1 30); do
  if kafka kafka-topics --list > /dev/null 2>&1; then
    break
  fi
  if [[ $attempt == 30 ]]; then
    echo "the cluster did not answer" >&2
    exit 1
  fi
  sleep 5
done

user ingest-api "${KAFKA_INGEST_API_PASSWORD:-}"
user generation-consumer "${KAFKA_GENERATION_CONSUMER_PASSWORD:-}"
user download-consumer "${KAFKA_DOWNLOAD_CONSUMER_PASSWORD:-}"
user projection "${KAFKA_PROJECTION_PASSWORD:-}"
user ops-cli "${KAFKA_OPS_CLI_PASSWORD:-}"

topic pipeline.generate $WEEK_MS
topic pipeline.generate-retry-0 $WEEK_MS
topic pipeline.generate-retry-1 $WEEK_MS
topic pipeline.generate-retry-2 $WEEK_MS
topic pipeline.generate-dlt $FOREVER_MS
topic pipeline.download $WEEK_MS
topic pipeline.download-retry-0 $WEEK_MS
topic pipeline.download-retry-1 $WEEK_MS
topic pipeline.download-retry-2 $WEEK_MS
topic pipeline.download-dlt $FOREVER_MS
topic pipeline.webhook $WEEK_MS
topic pipeline.webhook-retry-0 $WEEK_MS
topic pipeline.webhook-retry-1 $WEEK_MS
topic pipeline.webhook-retry-2 $WEEK_MS
topic pipeline.webhook-dlt $FOREVER_MS
topic pipeline.lifecycle $FOREVER_MS
topic pipeline.lifecycle-dlt $FOREVER_MS
# what ops did with each dead letter (replayed, resolved), keyed by its reference: the newest state per key is kept
topic pipeline.dlt-audit $FOREVER_MS compact

# Read and Write imply Describe. IdempotentWrite on the cluster is what pre-3.0 brokers required of an idempotent
# producer (Kafka 3.0+ also accepts Write on any topic, KIP-679); granted to every producer so that either works.
# The lines between BEGIN and END are io.picturepipeline.schemas.Access.kafkaGrants(), one grant a line: edit that
# class, not these lines (the compose tests fail, printing the block to paste here, when the two differ).
# BEGIN acls from io.picturepipeline.schemas.Access
acl ingest-api Write topic literal pipeline.generate
acl ingest-api Write topic literal pipeline.lifecycle
acl ingest-api Write topic literal pipeline.webhook
acl ingest-api Read topic literal pipeline.lifecycle
acl ingest-api Read topic literal pipeline.webhook
acl ingest-api Read topic literal pipeline.webhook-retry-0
acl ingest-api Write topic literal pipeline.webhook-retry-0
acl ingest-api Read topic literal pipeline.webhook-retry-1
acl ingest-api Write topic literal pipeline.webhook-retry-1
acl ingest-api Read topic literal pipeline.webhook-retry-2
acl ingest-api Write topic literal pipeline.webhook-retry-2
acl ingest-api Write topic literal pipeline.webhook-dlt
acl ingest-api Write topic literal pipeline.lifecycle-dlt
acl ingest-api Read group literal ingest-api-webhooks
acl ingest-api Read group literal ingest-api-webhook-events
acl ingest-api Read group literal ingest-api-webhooks-retry-0
acl ingest-api Read group literal ingest-api-webhooks-retry-1
acl ingest-api Read group literal ingest-api-webhooks-retry-2
acl ingest-api IdempotentWrite cluster literal kafka-cluster
acl generation-consumer Read topic literal pipeline.generate
acl generation-consumer Read topic literal pipeline.generate-retry-0
acl generation-consumer Write topic literal pipeline.generate-retry-0
acl generation-consumer Read topic literal pipeline.generate-retry-1
acl generation-consumer Write topic literal pipeline.generate-retry-1
acl generation-consumer Read topic literal pipeline.generate-retry-2
acl generation-consumer Write topic literal pipeline.generate-retry-2
acl generation-consumer Write topic literal pipeline.generate-dlt
acl generation-consumer Write topic literal pipeline.download
acl generation-consumer Write topic literal pipeline.lifecycle
acl generation-consumer Read topic literal pipeline.lifecycle
acl generation-consumer Write topic literal pipeline.lifecycle-dlt
acl generation-consumer Read group literal generation-consumer
acl generation-consumer Read group literal generation-consumer-retry-0
acl generation-consumer Read group literal generation-consumer-retry-1
acl generation-consumer Read group literal generation-consumer-retry-2
acl generation-consumer Read group literal generation-consumer-cancellations
acl generation-consumer IdempotentWrite cluster literal kafka-cluster
acl download-consumer Read topic literal pipeline.download
acl download-consumer Read topic literal pipeline.download-retry-0
acl download-consumer Write topic literal pipeline.download-retry-0
acl download-consumer Read topic literal pipeline.download-retry-1
acl download-consumer Write topic literal pipeline.download-retry-1
acl download-consumer Read topic literal pipeline.download-retry-2
acl download-consumer Write topic literal pipeline.download-retry-2
acl download-consumer Write topic literal pipeline.download-dlt
acl download-consumer Write topic literal pipeline.lifecycle
acl download-consumer Read topic literal pipeline.lifecycle
acl download-consumer Write topic literal pipeline.lifecycle-dlt
acl download-consumer Read group literal download-consumer
acl download-consumer Read group literal download-consumer-retry-0
acl download-consumer Read group literal download-consumer-retry-1
acl download-consumer Read group literal download-consumer-retry-2
acl download-consumer Read group literal download-consumer-cancellations
acl download-consumer IdempotentWrite cluster literal kafka-cluster
acl projection Read topic literal pipeline.lifecycle
acl projection Write topic literal pipeline.lifecycle-dlt
acl projection Read group literal projection
acl projection IdempotentWrite cluster literal kafka-cluster
acl ops-cli Read topic literal pipeline.generate-dlt
acl ops-cli Read topic literal pipeline.download-dlt
acl ops-cli Read topic literal pipeline.webhook-dlt
acl ops-cli Read topic literal pipeline.lifecycle-dlt
acl ops-cli Read topic literal pipeline.dlt-audit
acl ops-cli Write topic literal pipeline.generate
acl ops-cli Write topic literal pipeline.download
acl ops-cli Write topic literal pipeline.webhook
acl ops-cli Write topic literal pipeline.lifecycle
acl ops-cli Write topic literal pipeline.dlt-audit
acl ops-cli Write transactional-id literal pp-dlq-cli
acl ops-cli IdempotentWrite cluster literal kafka-cluster
# END acls from io.picturepipeline.schemas.Access

echo "» kafka-init done"
