#!/usr/bin/env bash
# Container health check that needs neither curl nor wget (eclipse-temurin images do not promise either): one
# HTTP/1.0 GET over bash's /dev/tcp to 127.0.0.1. Exit 0 when the answer is 200, else 1.
#   http-check <port> [path, default /actuator/health/readiness]
set -uo pipefail
port=${1:?usage: http-check <port> [path]}
path=${2:-/actuator/health/readiness}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3 || exit 1
IFS= read -r -t 5 status <&3 || exit 1
[[ $status =~ ^HTTP/1\.[01]\ 200([[:space:]]|$) ]]
