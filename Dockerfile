# Builds and runs Career Ledger against an external PostgreSQL (see docker-compose.yml).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY career-domain career-domain
COPY career-storage career-storage
COPY career-projections career-projections
COPY career-api career-api
# the benchmark and the fault suite are part of the reactor (the parent pom lists them) but not of the image
COPY career-bench career-bench
COPY career-reliability career-reliability
RUN ./mvnw -B -q -DskipTests package -pl career-api -am

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 career
USER career
WORKDIR /app
COPY --from=build /src/career-api/target/career-api-*.jar /app/career-ledger.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/career-ledger.jar"]
