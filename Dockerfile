# syntax=docker/dockerfile:1
#
# Images of Picture Pipeline, built from the jars Maven has already made (no Maven inside the build: it would need
# the network and its own copy of the dependency cache). First:
#
#   ./mvnw -B -DskipTests package
#
# then, for a service (ingest-api, generation-consumer, download-consumer, projection):
#
#   docker build --build-arg MODULE=ingest-api -t picture-pipeline/ingest-api:0.1.0-SNAPSHOT .
#
# and for the local fake of Replicate (jars collected by the compose module into compose/target/local-provider):
#
#   docker build --target local-provider -t picture-pipeline/local-provider:0.1.0-SNAPSHOT .
#
# compose/docker-compose.yml builds all of them. The services start with their default (durable) profile.

ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${JRE_IMAGE} AS base
# a fixed non-root user; /data/images is where the shared image volume is mounted (a new named volume takes this
# directory's owner)
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home app \
    && mkdir -p /app /data/images \
    && chown app:app /data/images
COPY --chmod=0755 compose/docker/http-check.sh /usr/local/bin/http-check
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
WORKDIR /app

FROM base AS local-provider
COPY compose/target/local-provider/ /app/lib/
USER app
ENV PROVIDER_PORT=8090 PROVIDER_BIND_ADDRESS=0.0.0.0
EXPOSE 8090
ENTRYPOINT ["java", "-cp", "/app/lib/*", "io.picturepipeline.provider.local.LocalProviderMain"]

FROM base AS service
ARG MODULE
ARG VERSION=0.1.0-SNAPSHOT
RUN test -n "${MODULE}" || { echo "--build-arg MODULE=<module> is required (e.g. ingest-api)" >&2; exit 1; }
COPY ${MODULE}/target/${MODULE}-${VERSION}-exec.jar /app/app.jar
USER app
EXPOSE 8080 8081 8082 8083
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
