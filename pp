#!/usr/bin/env bash
# Picture Pipeline on this machine.
#   ./pp up            build, then run everything (PostgreSQL, Kafka, provider, services) until Ctrl-C
#   ./pp token NAME    print a bearer token for user NAME (local profile)
set -euo pipefail
cd "$(dirname "$0")"

classpath="launcher/target/launcher-0.1.0-SNAPSHOT.jar:launcher/target/lib/*"

build() {
  if [[ "${PP_SKIP_BUILD:-}" != "1" ]]; then
    echo "» building (PP_SKIP_BUILD=1 skips this) …"
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
  fi
}

case "${1:-up}" in
  up)
    build
    exec java -Xmx1g -cp "$classpath" io.picturepipeline.launcher.Launcher
    ;;
  token)
    shift
    [[ -f launcher/target/lib/local-infra-0.1.0-SNAPSHOT.jar ]] || build
    exec java -cp "$classpath" io.picturepipeline.infra.DemoTokens "$@"
    ;;
  *)
    echo "usage: ./pp up | ./pp token <user-name> [validity, ISO-8601, default P30D]" >&2
    exit 2
    ;;
esac
