# greenplan server image: the jar, GDAL for file formats, and the demo data.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY engine engine
COPY server server
COPY web web
COPY gis-data gis-data
RUN mvn -q -B -DskipTests -pl server -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends gdal-bin fonts-noto-cjk fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/server/target/greenplan.jar /app/greenplan.jar
COPY gis-data /app/gis-data
ENV GREENPLAN_DEMO_DIR=/app/gis-data/demo
EXPOSE 8080
USER 1000
# ThreadPriorityPolicy=1: background jobs (imports, siting, overviews) run at nice +4 (BackgroundThreads); as user 1000 the JVM
# warns that raising a priority would need root, but nothing raises one
ENTRYPOINT ["java", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-XX:ThreadPriorityPolicy=1", "-jar", "/app/greenplan.jar"]
