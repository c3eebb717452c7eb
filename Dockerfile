# Multi-stage build: Maven builds the jar, a JRE 17 runs it as a non-root user.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --no-create-home streamdns
COPY --from=build /src/app/target/streamdns.jar /opt/streamdns/streamdns.jar
USER 10001
EXPOSE 7979
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/streamdns/streamdns.jar"]
CMD ["--help"]
