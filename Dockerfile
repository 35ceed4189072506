# syntax=docker/dockerfile:1
#
# Image of cognito-confirm-service: Spring Boot's reference layout (extracted layers, one COPY
# each) on a Temurin 25 JRE, with a JDK 25 AOT cache trained at build time.
#
#   docker build -t cognito-confirm-service:dev .
#   docker run --rm -p 8080:8080 \
#     -e SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI=https://idp.example.com \
#     cognito-confirm-service:dev
#
# .ci/start-path performs the same extract / train / run steps without a Docker engine and reads
# the training command, JAVA_TOOL_OPTIONS and ENTRYPOINT from this file: keep them on one logical
# line each.

# Base images: Temurin 25 on Ubuntu 24.04. For reproducible releases pin them by digest
# (eclipse-temurin:25-jre-noble@sha256:...) and let a bot bump the digests.
FROM eclipse-temurin:25-jdk-noble AS builder
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
# Tests run in CI (./mvnw -B verify); the image build only packages. The cache mount keeps
# ~/.m2 between builds without putting it into a layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests package \
    && cp target/cognito-confirm-service-*.jar application.jar \
    && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre-noble
LABEL org.opencontainers.image.title="cognito-confirm-service" \
      org.opencontainers.image.description="Admin REST service that confirms Amazon Cognito sign-ups, role-authorized and audited" \
      org.opencontainers.image.licenses="UNLICENSED"
# A fixed numeric uid/gid, so that Kubernetes' runAsNonRoot can verify it without /etc/passwd.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /application --no-create-home --shell /usr/sbin/nologin app
WORKDIR /application
# Least to most frequently changed, so that a code change rebuilds only the last layer.
COPY --from=builder /build/extracted/dependencies/ ./
COPY --from=builder /build/extracted/spring-boot-loader/ ./
COPY --from=builder /build/extracted/snapshot-dependencies/ ./
COPY --from=builder /build/extracted/application/ ./
# Container-aware memory: the heap may take 70% of the memory limit, the rest is left to
# metaspace, code cache, thread stacks, direct buffers and the mapped AOT cache. The serial
# collector is what the JVM picks by itself under the chart's 1 GiB limit (below 1.75 GB it is
# not a "server-class machine"); named here so that the choice does not flip with the limit. It
# keeps no remembered sets (G1 committed 39 MB of them). A fixed 32 MB young generation keeps
# requests in flight from being promoted early, low heap-free ratios keep the old generation
# near its live data, and the native heap is trimmed every 5 s: under sustained load the
# resident memory was 309–332 MiB in the last A/B (48 MB young: 324–336; G1 before: 370–412;
# the serial collector with its own sizing: up to 442), 280 MiB after a 10 s cold load (48 MB:
# 300), at the same throughput (bench/run.sh, README "Benchmarks"). An OutOfMemoryError ends
# the process so that Kubernetes restarts it instead of it limping on. /tmp is the only writable path under
# readOnlyRootFilesystem. -Dspring.aot.enabled=true starts from the bean definitions that Spring
# AOT generated at build time (pom.xml, process-aot) instead of parsing configuration classes and
# evaluating conditions (ready 4.7 -> 3.3 s); the conditions were decided at build time, and a
# start whose bean-selecting properties (.enabled, exposure, a separate management port, OTLP
# endpoints) differ from the build's is refused with their names (AotBuildPropertiesCheck).
# JDK_JAVA_OPTIONS=-Dspring.aot.enabled=false turns it off. The Helm chart can replace these
# (jvm.toolOptions) and turns AOT off itself for a separate management port (jvm.springAot).
ENV JAVA_TOOL_OPTIONS="-Dspring.aot.enabled=true -XX:MaxRAMPercentage=70.0 -XX:+UseSerialGC -Xmn32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError -XX:ErrorFile=/tmp/hs_err_pid%p.log"
# JDK 25 AOT cache (JEP 483/514): a training run that stops right after the application context
# refreshes records the loaded and linked classes; the ENTRYPOINT maps them at start-up. The
# cache is only used with the same JVM, jar paths and working directory, hence trained here, in
# the runtime stage. It runs with Spring AOT as the ENTRYPOINT does (JAVA_TOOL_OPTIONS), so the
# cache holds the generated classes. The training run needs no external service: the JWT decoder and the
# connection pool are lazy, migrations are off for it, nothing calls Cognito, and it listens on a
# free port. -XX:MaxRAM keeps the training heap below 32 GB (compressed oops, as in
# any pod) however large the build machine is.
RUN SERVER_PORT=0 SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI=http://127.0.0.1:1/unused CONFIRM_SECURITY_AUDIENCE=unused CONFIRM_COGNITO_ENDPOINT=http://127.0.0.1:1 SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:1/unused SPRING_FLYWAY_ENABLED=false java -XX:AOTCacheOutput=app.aot -XX:MaxRAM=2g -Xlog:aot=error -Dspring.context.exit=onRefresh -jar application.jar \
    && rm -rf /tmp/tomcat* /tmp/hsperfdata_*
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "application.jar"]
