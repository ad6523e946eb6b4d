# One Dockerfile for the five Microshop services; the service is a build argument:
#
#   docker build --build-arg MODULE=inventory-service --build-arg PORT=8082 -t microshop/inventory-service .
#
# docker-compose.yml builds all five this way. Why it looks like this: docs/adr/0005-container-images.md.
# Needs BuildKit for the cache mount: the default builder of Docker 23 and later; on Docker 20.10
# to 22 set DOCKER_BUILDKIT=1. No "# syntax" line: the builder's own Dockerfile frontend is used, so
# that nothing is pulled from Docker Hub but the two base images (Docker 20.10's frontend included).

ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

# ---------------------------------------------------------------------------------------------
# Build: the five executable jars, with the repository's own Maven wrapper. Nothing here depends
# on MODULE, so the five image builds share this stage (and its cache) instead of building five
# times. The cache mount keeps Maven and the downloaded dependencies between builds (locked: compose
# builds the five images in parallel, and two Maven runs must not write one repository at once).
# ---------------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -q -DskipTests \
      -pl discovery-service,gateway-service,inventory-service,order-service,notification-service -am package \
 && mkdir /jars \
 && for module in discovery-service gateway-service inventory-service order-service notification-service; do \
      cp "${module}/target/${module}-"*.jar "/jars/${module}.jar"; \
    done

# ---------------------------------------------------------------------------------------------
# Extract: the chosen service's jar split into Spring Boot's layers (dependencies change
# rarely, the application often), in the layout that starts fastest and suits the AOT cache.
# ---------------------------------------------------------------------------------------------
FROM ${JRE_IMAGE} AS extract
ARG MODULE
RUN test -n "${MODULE}" || { echo 'Set the build argument MODULE, e.g. --build-arg MODULE=order-service' >&2; exit 1; }
WORKDIR /extract
COPY --from=build /jars/${MODULE}.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# ---------------------------------------------------------------------------------------------
# Runtime: a JRE, a user without privileges, the layers as separate image layers, and the JDK's
# AOT cache from a training run of this very JVM on this very class path.
# ---------------------------------------------------------------------------------------------
FROM ${JRE_IMAGE}
ARG MODULE
ARG PORT
RUN test -n "${PORT}" || { echo 'Set the build argument PORT to the service port, e.g. --build-arg PORT=8081' >&2; exit 1; } \
 && groupadd --system --gid 10001 microshop \
 && useradd --system --uid 10001 --gid microshop --home-dir /app --no-create-home --shell /usr/sbin/nologin microshop

# Asks /actuator/health over bash's /dev/tcp (the image has neither curl nor wget); see the script
COPY --chmod=755 deploy/service-image/healthcheck /usr/local/bin/healthcheck

WORKDIR /app
# Each COPY is an image layer, least often changed first
COPY --from=extract /extract/extracted/dependencies/ ./
COPY --from=extract /extract/extracted/spring-boot-loader/ ./
COPY --from=extract /extract/extracted/snapshot-dependencies/ ./
COPY --from=extract /extract/extracted/application/ ./

# AOT cache training run: start the application context and exit once it is refreshed. The image
# build has no database, broker, registry or mail server, so nothing may connect during refresh:
# no Flyway migration, no Hibernate schema validation or JDBC metadata lookup (the dialect is
# given), no topic creation, no Eureka registration or registry fetch. The garbage collector is
# the one the ENTRYPOINT uses, so that the cache fits the JVM that reads it.
RUN java -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh \
      -jar application.jar \
      --spring.flyway.enabled=false \
      --spring.jpa.hibernate.ddl-auto=none \
      --spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect \
      --spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false \
      --spring.kafka.admin.auto-create=false \
      --eureka.client.register-with-eureka=false \
      --eureka.client.fetch-registry=false \
      --server.port=0 \
    > /tmp/aot-training.log 2>&1 \
 || { cat /tmp/aot-training.log >&2; exit 1; } \
 && test -s app.aot \
 && rm /tmp/aot-training.log

# The port is the service's server.port; SERVER_PORT also tells the health check where to ask.
# Heap from the container's limit: at most half of it, and a tenth from the start. The AOT cache's
# archived heap objects must fit the initial heap: with the JVM's default (1/64 of the limit, 10 MiB
# in a 640 MiB container) order-service's no longer did ("archived heap objects cannot be loaded"),
# and the JVM refused to start.
ENV SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:InitialRAMPercentage=10 -XX:+ExitOnOutOfMemoryError"
EXPOSE ${PORT}
USER microshop:microshop
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 CMD ["/usr/local/bin/healthcheck"]
# The extracted application.jar only references lib/; this is the class path the cache was trained on.
# Native access for the libraries that load native code (Netty's transport in the gateway), which
# JDK 24+ otherwise warns about at every start.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=app.aot", "-jar", "application.jar"]
