#!/usr/bin/env bash
# Picture Pipeline on this machine.
#   ./pp up            build, then run everything (PostgreSQL, Kafka, provider, services) until Ctrl-C; the services
#                      listen on 127.0.0.1 only (--listen 0.0.0.0, or LISTEN_ADDRESS, to listen elsewhere)
#                      the four services share one JVM (docs/benchmarks.md#one-process-or-four says why)
#   ./pp up --process-per-service  the same with one JVM per service (docs/deployment.md)
#   ./pp up --secure   the same in the production shape: 3 brokers with SASL/SCRAM and ACLs, one Kafka principal
#                      and one PostgreSQL role per service, images in S3Proxy with a key pair per service, random
#                      secrets (docs/deployment.md)
#   ./pp token NAME [PT12H]  print a bearer token for user NAME (local profile; at most PT24H)
#   ./pp rebuild-projection [--no-swap]  rebuild the projection's read model from the lifecycle topic while the
#                      stack runs, then swap it in (--no-swap: leave it beside the live one as projection_rebuild)
#   ./pp dlq ...       the ops CLI over the dead-letter topics: list, show, stats, replay, resolve (./pp dlq --help)
#   ./pp bench [--quick]  build, then benchmark this pipeline against the seeds' job queue (docs/benchmarks.md)
#   ./pp faults [--secure] [-Dtest=S05*]  build, then run the fault-injection suite, every scenario at full size
#                      (docs/reliability.md); --secure: on stacks of ./pp up --secure's shape
set -euo pipefail
cd "$(dirname "$0")"

classpath="launcher/target/launcher-0.1.0-SNAPSHOT.jar:launcher/target/lib/*"
dlq_classpath="ops-cli/target/ops-cli-0.1.0-SNAPSHOT.jar:ops-cli/target/lib/*"

build() {
  if [[ "${PP_SKIP_BUILD:-}" != "1" ]]; then
    echo "» building (PP_SKIP_BUILD=1 skips this) …"
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
  fi
}

case "${1:-up}" in
  up)
    [[ $# -gt 0 ]] && shift
    build
    exec java -Xmx1g -cp "$classpath" io.picturepipeline.launcher.Launcher "$@"
    ;;
  token)
    shift
    [[ -f launcher/target/lib/local-infra-0.1.0-SNAPSHOT.jar ]] || build
    exec java -cp "$classpath" io.picturepipeline.infra.DemoTokens "$@"
    ;;
  bench)
    shift
    build
    exec java -Xmx2g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.picturepipeline.bench.Bench "$@"
    ;;
  faults)
    shift
    if [[ "${PP_SKIP_BUILD:-}" != "1" ]]; then
      echo "» building (PP_SKIP_BUILD=1 skips this) …"
      ./mvnw -B -q -DskipTests -Dspotless.check.skip=true install
    fi
    stack=()
    if [[ "${1:-}" == "--secure" ]]; then
      shift
      stack=(-Dfaults.stack=secure)
    fi
    exec ./mvnw -B -f fault-suite/pom.xml verify -Pfaults ${stack[@]+"${stack[@]}"} "$@"
    ;;
  dlq)
    shift
    if [[ ! -f ops-cli/target/lib/picocli-4.7.7.jar || ! -f ops-cli/target/ops-cli-0.1.0-SNAPSHOT.jar ]]; then
      echo "» building the ops CLI …" >&2
      ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl ops-cli -am package >&2
    fi
    exec java -Xmx256m -XX:TieredStopAtLevel=1 -cp "$dlq_classpath" io.picturepipeline.ops.DlqCli "$@"
    ;;
  rebuild-projection)
    shift
    swap=true
    case "${1:-}" in
      "") ;;
      --no-swap) swap=false ;;
      *) echo "usage: ./pp rebuild-projection [--no-swap]" >&2; exit 2 ;;
    esac
    [[ -f .local/env ]] || { echo "✗ no .local/env: the rebuild reads the running stack; start it with ./pp up" >&2; exit 1; }
    . .local/env
    jar=(projection/target/projection-*-exec.jar)
    [[ -f "${jar[0]}" ]] || build
    jar=(projection/target/projection-*-exec.jar)
    db="${DATABASE_URL#postgresql://}"     # user:password@host:port/database
    credentials="${db%%@*}"
    exec java -Xmx512m -jar "${jar[0]}" --spring.profiles.active=local,rebuild \
      --spring.kafka.bootstrap-servers="$KAFKA_BOOTSTRAP" \
      --spring.datasource.url="jdbc:postgresql://${db#*@}" \
      --spring.datasource.username="${credentials%%:*}" --spring.datasource.password="${credentials#*:}" \
      --pipeline.projection.rebuild.swap="$swap"
    ;;
  *)
    echo "usage: ./pp up [--secure] [--listen <address>] | ./pp token <user-name> [validity, ISO-8601, default PT12H, at most PT24H] | ./pp bench [--quick]" \
      "| ./pp rebuild-projection [--no-swap] | ./pp faults [--secure] [-Dtest=S05*]" \
      "| ./pp dlq <list|show|stats|replay|resolve> (--help)" >&2
    exit 2
    ;;
esac
