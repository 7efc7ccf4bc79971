# A sandbox image for agent-runtime: a JRE, bash, git and Debian's ipykernel, and the server jar.
# Build the jar first (./mvnw -B package -DskipTests -pl runtime-server -am), then:
#   docker build -t agent-runtime . && docker run -p 8000:8000 agent-runtime
FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless bash git curl python3-ipykernel \
 && rm -rf /var/lib/apt/lists/*
COPY runtime-server/target/runtime-server.jar /opt/agent-runtime/runtime-server.jar
WORKDIR /workspace
EXPOSE 8000
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m", "-Xmx512m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-jar", "/opt/agent-runtime/runtime-server.jar"]
CMD ["8000", "--working-dir", "/workspace", "--plugins", "jupyter", "agent_skills"]
